package dev.kiwiops.kiwivm;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kiwiops.core.Secret;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The KiwiVM client's memory of reads, in two parts:
 *
 * <ul>
 *   <li><b>Fresh answers</b>, per (server, call, arguments), for their family's TTL: a read within
 *       it is not sent again, and identical reads in flight share one future (one request).
 *       Failures are never kept; a write to a server drops its fresh answers.
 *   <li><b>The last good answer</b> of every read, however old, with the time KiwiVM gave it: what
 *       the bot knew last when it must not wait for KiwiVM (autocomplete) or may show an older
 *       state with its age ({@code servers}). Writes do not drop it; they only make it stale.
 *       Bounded in size; the least recently used go first.
 * </ul>
 *
 * <p>Thread-safe. Nothing here calls KiwiVM.
 */
final class ReadCache {
  /** One cached read: the server (veid and key), the call and its arguments. */
  record Key(long veid, Secret apiKey, Upstream call, Map<String, String> params) {
    Key(FleetServer server, Upstream call, Map<String, String> params) {
      this(server.veid(), server.apiKey(), call, params);
    }
  }

  /** A good answer and when it came. */
  record Good(Object value, Instant at) {}

  /**
   * The future a read waits on, and whether the caller must load it (a miss) or joins one that is
   * done (a hit) or in flight (coalesced).
   */
  record Lookup(CompletableFuture<ApiResult<?>> future, boolean loadHere) {}

  private final AsyncCache<Key, ApiResult<?>> fresh;
  private final Cache<Key, Good> lastGood;
  private final Map<Upstream.ReadFamily, Duration> ttls;
  private final Clock clock;

  ReadCache(
      Map<Upstream.ReadFamily, Duration> ttls,
      Ticker ticker,
      Executor executor,
      Clock clock,
      long maxEntries) {
    this.ttls = Map.copyOf(ttls);
    this.clock = clock;
    this.fresh =
        Caffeine.newBuilder()
            .ticker(ticker)
            .executor(orHere(executor))
            .maximumSize(maxEntries)
            .expireAfter(
                Expiry.<Key, ApiResult<?>>writing(
                    (key, result) -> result.isOk() ? ttl(key.call()) : Duration.ZERO))
            .buildAsync();
    this.lastGood = Caffeine.newBuilder().executor(Runnable::run).maximumSize(maxEntries).build();
  }

  /**
   * {@code executor}, or the calling thread once it refuses work: a read that completes while the
   * client closes (a slow poll at shutdown) still gets its cache maintenance, and Caffeine does not
   * log the refusal with a stack trace.
   */
  private static Executor orHere(Executor executor) {
    return task -> {
      try {
        executor.execute(task);
      } catch (java.util.concurrent.RejectedExecutionException refused) {
        task.run();
      }
    };
  }

  /**
   * Joins the fresh or in-flight read of {@code key}, or registers {@code mine} as the one in
   * flight: then {@link Lookup#loadHere()} is true and the caller must complete it and call {@link
   * #settled}.
   */
  Lookup lookup(Key key, CompletableFuture<ApiResult<?>> mine) {
    CompletableFuture<ApiResult<?>> future = fresh.get(key, (k, executor) -> mine);
    return new Lookup(future, future == mine);
  }

  /**
   * Records the outcome of a read: a good answer becomes the last known one (when this caller
   * loaded it); a failure, or any answer of a call with a zero TTL, leaves the fresh part at once.
   */
  void settled(Key key, CompletableFuture<ApiResult<?>> future, ApiResult<?> result, boolean mine) {
    if (mine && result instanceof ApiResult.Ok<?> ok) {
      lastGood.put(key, new Good(ok.value(), clock.instant()));
    }
    if (!result.isOk() || ttl(key.call()).isZero()) {
      // The expiry policy says so too, but an entry that expires "now" is still served at "now".
      fresh.asMap().remove(key, future);
    }
  }

  /** The fresh good answer of {@code key}, if one is cached and done; never waits. */
  Optional<Object> freshValue(Key key) {
    CompletableFuture<ApiResult<?>> future = fresh.getIfPresent(key);
    if (future == null || !future.isDone() || future.isCompletedExceptionally()) {
      return Optional.empty();
    }
    return future.join() instanceof ApiResult.Ok<?> ok ? Optional.of(ok.value()) : Optional.empty();
  }

  /**
   * The last good answer of {@code key} and when it came, and whether it is still fresh (within its
   * TTL, with no write to the server since).
   */
  Optional<Known> lastKnown(Key key) {
    Good good = lastGood.getIfPresent(key);
    if (good == null) {
      return Optional.empty();
    }
    return Optional.of(new Known(good.value(), good.at(), freshValue(key).isPresent()));
  }

  /** What {@link #lastKnown} answers. */
  record Known(Object value, Instant at, boolean fresh) {}

  /**
   * Drops every fresh or in-flight read of the server: none may outlive a write. The last good
   * answers stay, stale from now on.
   */
  void invalidate(long veid) {
    fresh.asMap().keySet().removeIf(key -> key.veid() == veid);
  }

  boolean isZeroTtl(Upstream call) {
    return ttl(call).isZero();
  }

  private Duration ttl(Upstream call) {
    return ttls.get(call.family());
  }
}
