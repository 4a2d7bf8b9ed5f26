package dev.kiwiops.core.testkit;

import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.kiwivm.KnownReads;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link KnownReads} for core tests: remembers the good answers it fetched through a {@link KiwiVm}
 * port (a {@link RecordingKiwiVm} that counts calls), and runs fetches only when the test says so
 * ({@link #runFetches()}), so a test sees exactly what was asked in the background and when.
 */
public final class QueuedKnownReads implements KnownReads {
  private final KiwiVm kiwi;
  private final Clock clock;
  private final Map<String, Known<?>> known = new ConcurrentHashMap<>();
  private final Deque<Runnable> queued = new ArrayDeque<>();
  private final List<String> fetched = new ArrayList<>();
  private boolean atOnce;

  public QueuedKnownReads(KiwiVm kiwi, Clock clock) {
    this.kiwi = kiwi;
    this.clock = clock;
  }

  @SuppressWarnings("unchecked")
  @Override
  public <T> Optional<Known<T>> lastKnown(FleetServer server, Read<T> read) {
    return Optional.ofNullable((Known<T>) known.get(key(server, read)));
  }

  @Override
  public synchronized <T> CompletableFuture<ApiResult<T>> fetch(FleetServer server, Read<T> read) {
    CompletableFuture<ApiResult<T>> future = new CompletableFuture<>();
    fetched.add(key(server, read));
    Runnable task =
        () -> {
          ApiResult<T> result = read.readFrom(kiwi, server);
          if (result instanceof ApiResult.Ok<T> ok) {
            known.put(key(server, read), new Known<>(ok.value(), clock.instant(), true));
          }
          future.complete(result);
        };
    if (atOnce) {
      task.run();
    } else {
      queued.add(task);
    }
    return future;
  }

  /** From now on, fetches run on the caller's thread as they are asked for. */
  public synchronized QueuedKnownReads fetchAtOnce() {
    atOnce = true;
    return this;
  }

  /** Runs every queued fetch; returns how many ran. */
  public int runFetches() {
    int ran = 0;
    while (true) {
      Runnable next;
      synchronized (this) {
        next = queued.poll();
      }
      if (next == null) {
        return ran;
      }
      next.run();
      ran++;
    }
  }

  /** Every fetch asked for so far, as {@code server/call}. */
  public synchronized List<String> fetched() {
    return List.copyOf(fetched);
  }

  /** Remembers {@code value} as known now, fresh or not. */
  public <T> QueuedKnownReads remember(FleetServer server, Read<T> read, T value, boolean fresh) {
    known.put(key(server, read), new Known<>(value, clock.instant(), fresh));
    return this;
  }

  private static String key(FleetServer server, Read<?> read) {
    return server.name() + "/" + read.call();
  }
}
