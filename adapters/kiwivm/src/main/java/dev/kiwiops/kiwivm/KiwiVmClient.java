package dev.kiwiops.kiwivm;

import com.github.benmanes.caffeine.cache.Ticker;
import com.squareup.moshi.Moshi;
import dev.kiwiops.core.Secret;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.AvailableOs;
import dev.kiwiops.core.kiwivm.Backup;
import dev.kiwiops.core.kiwivm.Done;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.kiwivm.KnownReads;
import dev.kiwiops.core.kiwivm.LiveServiceInfo;
import dev.kiwiops.core.kiwivm.MigrateLocations;
import dev.kiwiops.core.kiwivm.MigrateStarted;
import dev.kiwiops.core.kiwivm.PanelAuditLog;
import dev.kiwiops.core.kiwivm.PasswordReset;
import dev.kiwiops.core.kiwivm.PolicyViolations;
import dev.kiwiops.core.kiwivm.RateLimitStatus;
import dev.kiwiops.core.kiwivm.ReinstallResult;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import dev.kiwiops.core.kiwivm.ShellExecResult;
import dev.kiwiops.core.kiwivm.Snapshot;
import dev.kiwiops.core.kiwivm.SnapshotExport;
import dev.kiwiops.core.kiwivm.SshKeys;
import dev.kiwiops.core.kiwivm.StartResult;
import dev.kiwiops.core.kiwivm.SuspensionDetails;
import dev.kiwiops.core.kiwivm.UsageStats;
import dev.kiwiops.kiwivm.KiwiVmCallListener.CacheUse;
import dev.kiwiops.kiwivm.KiwiVmCallListener.CallEvent;
import dev.kiwiops.kiwivm.KiwiVmCallListener.Outcome;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * The KiwiVM API over HTTP: Retrofit form POSTs, quirk-tolerant Moshi parsing, and a good API
 * citizen's manners.
 *
 * <ul>
 *   <li>Reads are cached per (server, call, arguments) for their family's TTL (info, live, lists;
 *       zero turns caching off), identical concurrent reads share one upstream request, and
 *       failures are never cached ({@link ReadCache}).
 *   <li>As {@link KnownReads}, it answers the last good answer of a read however old, without
 *       calling KiwiVM, and reads in the background on a bounded pool of its own.
 *   <li>Any write to a server, successful or not, drops that server's cached reads. Writes are sent
 *       exactly once; reads are retried on a network failure or HTTP 5xx with bounded exponential
 *       backoff.
 *   <li>At most {@code maxInFlightPerKey} requests are in flight per API key. A request that finds
 *       them all busy waits up to its call timeout for a free one, and then answers {@link
 *       ApiResult.RateLimited}: our own cap works like the API's, and the user's advice ("try again
 *       in a few minutes") is the same.
 *   <li>The API key travels only in the form body: never in a URL, a log line, a result or an
 *       exception message.
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} releases the threads and connections the client created.
 */
public final class KiwiVmClient implements KiwiVm, KnownReads, AutoCloseable {
  /** The public KiwiVM API. */
  public static final URI DEFAULT_API_BASE = URI.create("https://api.64clouds.com/v1/");

  private static final Logger log = LoggerFactory.getLogger(KiwiVmClient.class);

  /** Background reads waiting for a thread at most; more are refused at once. */
  static final int BACKGROUND_QUEUE = 5_000;

  private final UpstreamExchange exchange;
  private final ReadCache cache;
  private final Map<ReadCache.Key, CompletableFuture<ApiResult<?>>> fetching =
      new ConcurrentHashMap<>();
  private final Executor background;
  private final ThreadPoolExecutor ownedBackground;
  private final Map<Long, RateLimitStatus> lastRateLimit = new ConcurrentHashMap<>();
  private final Ticker ticker;
  private final KiwiVmCallListener listener;
  private final Sleeper sleeper;
  private final int readAttempts;
  private final Duration retryBackoff;
  private final Duration maxRetryBackoff;
  private final ExecutorService ownedExecutor;
  private final OkHttpClient httpClient;

  private KiwiVmClient(Builder b) {
    this.ticker = b.ticker;
    this.listener = b.listener;
    this.sleeper = b.sleeper;
    this.readAttempts = b.readAttempts;
    this.retryBackoff = b.retryBackoff;
    this.maxRetryBackoff = b.maxRetryBackoff;
    this.ownedExecutor = b.executor == null ? Executors.newCachedThreadPool(daemonThreads()) : null;
    Executor executor = b.executor == null ? ownedExecutor : b.executor;

    Duration liveTimeout =
        b.timeout.compareTo(b.liveInfoTimeout) > 0 ? b.timeout : b.liveInfoTimeout;
    this.httpClient =
        new OkHttpClient.Builder()
            // A write must reach KiwiVM at most once: OkHttp may not silently send it again.
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .connectTimeout(b.timeout)
            .readTimeout(b.timeout)
            .writeTimeout(b.timeout)
            .callTimeout(b.timeout)
            .eventListenerFactory(SendProbe.listeners())
            .build();
    OkHttpClient liveClient =
        httpClient.newBuilder().readTimeout(liveTimeout).callTimeout(liveTimeout).build();
    Moshi moshi = new Moshi.Builder().add(WireObject.class, new WireObjectAdapter()).build();
    Retrofit retrofit =
        new Retrofit.Builder()
            .baseUrl(b.apiBase.toString())
            .client(httpClient)
            .addConverterFactory(MoshiConverterFactory.create(moshi))
            .build();
    this.exchange =
        new UpstreamExchange(
            retrofit.create(KiwiVmService.class),
            retrofit.newBuilder().client(liveClient).build().create(KiwiVmService.class),
            b.timeout,
            liveTimeout,
            b.maxInFlightPerKey);

    this.cache =
        new ReadCache(
            Map.of(
                Upstream.ReadFamily.INFO, b.infoTtl,
                Upstream.ReadFamily.LIVE, b.liveTtl,
                Upstream.ReadFamily.LIST, b.listTtl),
            ticker,
            executor,
            b.clock,
            10_000);
    if (b.background == null) {
      this.ownedBackground =
          new ThreadPoolExecutor(
              b.backgroundThreads,
              b.backgroundThreads,
              30,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(BACKGROUND_QUEUE),
              daemonThreads("kiwivm-background-"));
      ownedBackground.allowCoreThreadTimeOut(true);
      this.background = ownedBackground;
    } else {
      this.ownedBackground = null;
      this.background = b.background;
    }
  }

  /** A client of the API at {@code apiBase} ({@link #DEFAULT_API_BASE} for the real one). */
  public static Builder builder(URI apiBase) {
    return new Builder(apiBase);
  }

  /**
   * Drops the server's fresh and in-flight cached reads (as a write does): the next reads ask
   * KiwiVM. The last good answers stay, as they are only ever shown with their age.
   */
  @Override
  public void forgetReads(FleetServer server) {
    invalidate(server);
  }

  /**
   * The last service info this client fetched for the server, if it is still cached: no upstream
   * call. For one-line summaries that may be slightly stale.
   */
  public Optional<ServiceInfo> cachedServiceInfo(FleetServer server) {
    return cache
        .freshValue(new ReadCache.Key(server, Upstream.GET_SERVICE_INFO, Map.of()))
        .filter(ServiceInfo.class::isInstance)
        .map(ServiceInfo.class::cast);
  }

  // Known reads: the cache's last good answers, and reads in the background

  @SuppressWarnings("unchecked")
  @Override
  public <T> Optional<Known<T>> lastKnown(FleetServer server, Read<T> read) {
    return cache
        .lastKnown(new ReadCache.Key(server, upstreamOf(read), Map.of()))
        .map(k -> new Known<>((T) k.value(), k.at(), k.fresh()));
  }

  @SuppressWarnings("unchecked")
  @Override
  public <T> CompletableFuture<ApiResult<T>> fetch(FleetServer server, Read<T> read) {
    ReadCache.Key key = new ReadCache.Key(server, upstreamOf(read), Map.of());
    CompletableFuture<ApiResult<?>> mine = new CompletableFuture<>();
    CompletableFuture<ApiResult<?>> running = fetching.putIfAbsent(key, mine);
    if (running != null) {
      return running.thenApply(result -> (ApiResult<T>) result);
    }
    try {
      background.execute(
          () -> {
            ApiResult<?> result;
            try {
              result = read.readFrom(this, server);
            } catch (RuntimeException e) {
              log.error("KiwiVM background read {} for {} failed", read, server.name(), e);
              result = new ApiResult.BadResponse<>(read.call() + ": internal error");
            }
            fetching.remove(key, mine);
            mine.complete(result);
          });
    } catch (RejectedExecutionException e) {
      fetching.remove(key, mine);
      mine.complete(
          new ApiResult.RateLimited<>(
              "more than " + BACKGROUND_QUEUE + " background reads waiting"));
    }
    return mine.thenApply(result -> (ApiResult<T>) result);
  }

  private static Upstream upstreamOf(Read<?> read) {
    Upstream call = READS.get(read.call());
    if (call == null) {
      throw new IllegalArgumentException("no KiwiVM read " + read.call());
    }
    return call;
  }

  private static final Map<String, Upstream> READS = readsByPath();

  private static Map<String, Upstream> readsByPath() {
    Map<String, Upstream> byPath = new java.util.HashMap<>();
    for (Upstream call : Upstream.values()) {
      if (call.family() != null) {
        byPath.put(call.path(), call);
      }
    }
    return Map.copyOf(byPath);
  }

  /** The rate-limit points of the server's key as its last {@code getRateLimitStatus} said. */
  public Optional<RateLimitStatus> lastRateLimit(FleetServer server) {
    return Optional.ofNullable(lastRateLimit.get(server.veid()));
  }

  @Override
  public void close() {
    if (ownedBackground != null) {
      ownedBackground.shutdownNow();
    }
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
    httpClient.dispatcher().executorService().shutdown();
    httpClient.connectionPool().evictAll();
  }

  // Power

  @Override
  public ApiResult<StartResult> start(FleetServer server) {
    return write(server, Upstream.START, Map.of(), AnswerParser::start);
  }

  @Override
  public ApiResult<Done> stop(FleetServer server) {
    return write(server, Upstream.STOP, Map.of(), KiwiVmClient::done);
  }

  @Override
  public ApiResult<Done> restart(FleetServer server) {
    return write(server, Upstream.RESTART, Map.of(), KiwiVmClient::done);
  }

  @Override
  public ApiResult<Done> kill(FleetServer server) {
    return write(server, Upstream.KILL, Map.of(), KiwiVmClient::done);
  }

  // Information

  @Override
  public ApiResult<ServiceInfo> getServiceInfo(FleetServer server) {
    return read(server, Upstream.GET_SERVICE_INFO, Map.of(), AnswerParser::serviceInfo);
  }

  @Override
  public ApiResult<LiveServiceInfo> getLiveServiceInfo(FleetServer server) {
    return read(server, Upstream.GET_LIVE_SERVICE_INFO, Map.of(), AnswerParser::liveServiceInfo);
  }

  @Override
  public ApiResult<AvailableOs> getAvailableOs(FleetServer server) {
    return read(server, Upstream.GET_AVAILABLE_OS, Map.of(), AnswerParser::availableOs);
  }

  @Override
  public ApiResult<Done> getUsageGraphs(FleetServer server) {
    return read(server, Upstream.GET_USAGE_GRAPHS, Map.of(), KiwiVmClient::done);
  }

  @Override
  public ApiResult<UsageStats> getRawUsageStats(FleetServer server) {
    return read(server, Upstream.GET_RAW_USAGE_STATS, Map.of(), AnswerParser::usageStats);
  }

  @Override
  public ApiResult<PanelAuditLog> getAuditLog(FleetServer server) {
    return read(server, Upstream.GET_AUDIT_LOG, Map.of(), AnswerParser::auditLog);
  }

  @Override
  public ApiResult<RateLimitStatus> getRateLimitStatus(FleetServer server) {
    return read(server, Upstream.GET_RATE_LIMIT_STATUS, Map.of(), AnswerParser::rateLimitStatus);
  }

  // OS, keys, password

  @Override
  public ApiResult<ReinstallResult> reinstallOs(FleetServer server, String os) {
    return write(server, Upstream.REINSTALL_OS, Map.of("os", os), AnswerParser::reinstall);
  }

  @Override
  public ApiResult<Done> updateSshKeys(FleetServer server, List<String> keys) {
    return write(
        server,
        Upstream.UPDATE_SSH_KEYS,
        Map.of("ssh_keys", String.join("\n", keys)),
        KiwiVmClient::done);
  }

  @Override
  public ApiResult<SshKeys> getSshKeys(FleetServer server) {
    return read(server, Upstream.GET_SSH_KEYS, Map.of(), AnswerParser::sshKeys);
  }

  @Override
  public ApiResult<PasswordReset> resetRootPassword(FleetServer server) {
    return write(server, Upstream.RESET_ROOT_PASSWORD, Map.of(), AnswerParser::passwordReset);
  }

  // Naming

  @Override
  public ApiResult<Done> setHostname(FleetServer server, String newHostname) {
    return write(
        server, Upstream.SET_HOSTNAME, Map.of("newHostname", newHostname), KiwiVmClient::done);
  }

  @Override
  public ApiResult<Done> setPtr(FleetServer server, String ip, String ptr) {
    return write(server, Upstream.SET_PTR, Map.of("ip", ip, "ptr", ptr), KiwiVmClient::done);
  }

  // ISO

  @Override
  public ApiResult<Done> mountIso(FleetServer server, String iso) {
    return write(server, Upstream.ISO_MOUNT, Map.of("iso", iso), KiwiVmClient::done);
  }

  @Override
  public ApiResult<Done> unmountIso(FleetServer server) {
    return write(server, Upstream.ISO_UNMOUNT, Map.of(), KiwiVmClient::done);
  }

  // Shell

  @Override
  public ApiResult<String> shellCd(FleetServer server, String currentDir, String newDir) {
    return write(
        server,
        Upstream.SHELL_CD,
        fields("currentDir", currentDir, "newDir", newDir),
        answer -> AnswerParser.required(answer, "pwd"));
  }

  @Override
  public ApiResult<ShellExecResult> shellExec(FleetServer server, String command) {
    return write(
        server,
        Upstream.SHELL_EXEC,
        Map.of("command", command),
        answer -> new ShellExecResult(answer.intValue("error", 0), answer.string("message")));
  }

  @Override
  public ApiResult<String> shellScript(FleetServer server, String script) {
    return write(
        server,
        Upstream.SHELL_SCRIPT_EXEC,
        Map.of("script", script),
        answer -> AnswerParser.required(answer, "log"));
  }

  // Snapshots and backups

  @Override
  public ApiResult<String> createSnapshot(FleetServer server, Optional<String> description) {
    return write(
        server,
        Upstream.SNAPSHOT_CREATE,
        fields("description", description.orElse(null)),
        answer -> answer.string("notificationEmail"));
  }

  @Override
  public ApiResult<List<Snapshot>> listSnapshots(FleetServer server) {
    return read(server, Upstream.SNAPSHOT_LIST, Map.of(), AnswerParser::snapshots);
  }

  @Override
  public ApiResult<Done> deleteSnapshot(FleetServer server, String fileName) {
    return write(
        server, Upstream.SNAPSHOT_DELETE, Map.of("snapshot", fileName), KiwiVmClient::done);
  }

  @Override
  public ApiResult<Done> restoreSnapshot(FleetServer server, String fileName) {
    return write(
        server, Upstream.SNAPSHOT_RESTORE, Map.of("snapshot", fileName), KiwiVmClient::done);
  }

  @Override
  public ApiResult<Done> toggleSnapshotSticky(FleetServer server, String fileName, boolean sticky) {
    return write(
        server,
        Upstream.SNAPSHOT_TOGGLE_STICKY,
        Map.of("snapshot", fileName, "sticky", sticky ? "1" : "0"),
        KiwiVmClient::done);
  }

  @Override
  public ApiResult<SnapshotExport> exportSnapshot(FleetServer server, String fileName) {
    return write(
        server,
        Upstream.SNAPSHOT_EXPORT,
        Map.of("snapshot", fileName),
        AnswerParser::snapshotExport);
  }

  @Override
  public ApiResult<Done> importSnapshot(FleetServer server, long sourceVeid, Secret sourceToken) {
    return write(
        server,
        Upstream.SNAPSHOT_IMPORT,
        Map.of("sourceVeid", Long.toString(sourceVeid), "sourceToken", sourceToken.reveal()),
        KiwiVmClient::done);
  }

  @Override
  public ApiResult<List<Backup>> listBackups(FleetServer server) {
    return read(server, Upstream.BACKUP_LIST, Map.of(), AnswerParser::backups);
  }

  @Override
  public ApiResult<Done> copyBackupToSnapshot(FleetServer server, String backupToken) {
    return write(
        server,
        Upstream.BACKUP_COPY_TO_SNAPSHOT,
        Map.of("backupToken", backupToken),
        KiwiVmClient::done);
  }

  // IPv6 and private IPs

  @Override
  public ApiResult<String> addIpv6(FleetServer server, Optional<String> ip) {
    return write(
        server,
        Upstream.IPV6_ADD,
        fields("ip", ip.filter(s -> !s.isBlank()).orElse(null)),
        AnswerParser::ipv6Added);
  }

  @Override
  public ApiResult<Done> deleteIpv6(FleetServer server, String ip) {
    return write(server, Upstream.IPV6_DELETE, Map.of("ip", ip), KiwiVmClient::done);
  }

  @Override
  public ApiResult<List<String>> availablePrivateIps(FleetServer server) {
    return read(
        server,
        Upstream.PRIVATE_IP_GET_AVAILABLE,
        Map.of(),
        answer -> answer.stringList("available_ips"));
  }

  @Override
  public ApiResult<List<String>> assignPrivateIp(FleetServer server, Optional<String> ip) {
    return write(
        server,
        Upstream.PRIVATE_IP_ASSIGN,
        fields("ip", ip.filter(s -> !s.isBlank()).orElse(null)),
        answer -> answer.stringList("assigned_ips"));
  }

  @Override
  public ApiResult<Done> deletePrivateIp(FleetServer server, String ip) {
    return write(server, Upstream.PRIVATE_IP_DELETE, Map.of("ip", ip), KiwiVmClient::done);
  }

  // Migration and cloning

  @Override
  public ApiResult<MigrateLocations> migrateLocations(FleetServer server) {
    return read(server, Upstream.MIGRATE_GET_LOCATIONS, Map.of(), AnswerParser::migrateLocations);
  }

  @Override
  public ApiResult<MigrateStarted> startMigration(FleetServer server, String location) {
    return write(
        server, Upstream.MIGRATE_START, Map.of("location", location), AnswerParser::migrateStarted);
  }

  @Override
  public ApiResult<Done> cloneFromExternalServer(
      FleetServer server, String externalIp, int externalSshPort, Secret externalRootPassword) {
    return write(
        server,
        Upstream.CLONE_FROM_EXTERNAL_SERVER,
        Map.of(
            "externalServerIP",
            externalIp,
            "externalServerSSHport",
            Integer.toString(externalSshPort),
            "externalServerRootPassword",
            externalRootPassword.reveal()),
        KiwiVmClient::done);
  }

  // Abuse

  @Override
  public ApiResult<SuspensionDetails> getSuspensionDetails(FleetServer server) {
    return read(server, Upstream.GET_SUSPENSION_DETAILS, Map.of(), AnswerParser::suspensionDetails);
  }

  @Override
  public ApiResult<Done> unsuspend(FleetServer server, long recordId) {
    return write(
        server,
        Upstream.UNSUSPEND,
        Map.of("record_id", Long.toString(recordId)),
        KiwiVmClient::done);
  }

  @Override
  public ApiResult<PolicyViolations> getPolicyViolations(FleetServer server) {
    return read(server, Upstream.GET_POLICY_VIOLATIONS, Map.of(), AnswerParser::policyViolations);
  }

  @Override
  public ApiResult<Done> resolvePolicyViolation(FleetServer server, long recordId) {
    return write(
        server,
        Upstream.RESOLVE_POLICY_VIOLATION,
        Map.of("record_id", Long.toString(recordId)),
        KiwiVmClient::done);
  }

  // The machinery

  @SuppressWarnings("unchecked")
  private <T> ApiResult<T> read(
      FleetServer server,
      Upstream call,
      Map<String, String> params,
      Function<WireObject, T> parser) {
    long started = ticker.read();
    ReadCache.Key key = new ReadCache.Key(server, call, params);
    CompletableFuture<ApiResult<?>> mine = new CompletableFuture<>();
    ReadCache.Lookup lookup = cache.lookup(key, mine);
    CompletableFuture<ApiResult<?>> future = lookup.future();
    CacheUse use =
        lookup.loadHere() ? CacheUse.MISS : future.isDone() ? CacheUse.HIT : CacheUse.COALESCED;
    if (lookup.loadHere()) {
      // The caller that missed loads on its own thread and completes the shared future itself:
      // complete() runs the cache's own completion bookkeeping (the entry's write time, hence its
      // expiry) before this read returns, so the TTL counts from the answer, deterministically.
      // Identical reads arriving meanwhile wait on the same future: one upstream request.
      try {
        mine.complete(load(server, call, params, parser));
      } catch (RuntimeException e) {
        mine.completeExceptionally(e);
      }
    }
    ApiResult<T> result;
    try {
      result = (ApiResult<T>) future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result =
          new ApiResult.NetworkFailure<>(
              ApiResult.NetworkFailure.Kind.OTHER, "interrupted while waiting for " + call.path());
    } catch (ExecutionException e) {
      // load() answers every failure as a value: an exception here is a bug, reported as such.
      log.error(
          "KiwiVM read {} for {} failed unexpectedly", call.path(), server.name(), e.getCause());
      result = new ApiResult.BadResponse<>(call.path() + ": internal error");
    }
    cache.settled(key, future, result, lookup.loadHere());
    report(call, server, result, started, use);
    return result;
  }

  private <T> ApiResult<T> load(
      FleetServer server,
      Upstream call,
      Map<String, String> params,
      Function<WireObject, T> parser) {
    for (int attempt = 1; ; attempt++) {
      UpstreamExchange.Attempt outcome = exchange.send(server, call, params);
      if (!outcome.retryable() || attempt >= readAttempts) {
        ApiResult<T> result = parse(server, call, outcome.result(), parser);
        if (result instanceof ApiResult.Ok<T> ok && ok.value() instanceof RateLimitStatus points) {
          lastRateLimit.put(server.veid(), points);
        }
        return result;
      }
      Duration pause = backoff(attempt);
      log.debug(
          "KiwiVM {} for {}: {}, attempt {} of {}, again in {} ms",
          call.path(),
          server.name(),
          Outcome.of(outcome.result()),
          attempt,
          readAttempts,
          pause.toMillis());
      try {
        sleeper.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return parse(server, call, outcome.result(), parser);
      }
    }
  }

  private Duration backoff(int attempt) {
    Duration pause = retryBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
    return pause.compareTo(maxRetryBackoff) > 0 ? maxRetryBackoff : pause;
  }

  private <T> ApiResult<T> write(
      FleetServer server,
      Upstream call,
      Map<String, String> params,
      Function<WireObject, T> parser) {
    long started = ticker.read();
    ApiResult<T> result;
    try {
      result = parse(server, call, exchange.send(server, call, params).result(), parser);
    } finally {
      invalidate(server);
    }
    report(call, server, result, started, CacheUse.BYPASS);
    return result;
  }

  /** Drops every cached or in-flight read of the server: none of them may outlive a write. */
  private void invalidate(FleetServer server) {
    cache.invalidate(server.veid());
  }

  private static <T> ApiResult<T> parse(
      FleetServer server,
      Upstream call,
      ApiResult<WireObject> envelope,
      Function<WireObject, T> parser) {
    if (!(envelope instanceof ApiResult.Ok<WireObject> ok)) {
      // Every other outcome carries no value: map() passes it through with the new type.
      return envelope.map(parser);
    }
    try {
      return new ApiResult.Ok<>(Objects.requireNonNull(parser.apply(ok.value())));
    } catch (WireShapeException e) {
      String detail = call.path() + ": " + Redaction.redact(e.getMessage(), server.apiKey());
      // A write KiwiVM accepted (error 0) whose details cannot be read was still sent and done
      // as far as KiwiVM said: its outcome, as the caller needs it, is unknown, never "failed".
      return UpstreamExchange.isWrite(call)
          ? new ApiResult.Unknown<>(ApiResult.Unknown.Kind.UNREADABLE_ANSWER, detail)
          : new ApiResult.BadResponse<>(detail);
    }
  }

  private void report(
      Upstream call, FleetServer server, ApiResult<?> result, long started, CacheUse use) {
    Duration latency = Duration.ofNanos(ticker.read() - started);
    Outcome outcome = Outcome.of(result);
    if (outcome == Outcome.OK) {
      log.debug(
          "KiwiVM {} for {}: ok ({}, {} ms)", call.path(), server.name(), use, latency.toMillis());
    } else {
      log.info(
          "KiwiVM {} for {}: {} ({} ms): {}",
          call.path(),
          server.name(),
          outcome,
          latency.toMillis(),
          Redaction.redact(result.toString(), server.apiKey()));
    }
    try {
      listener.onCall(new CallEvent(call.path(), server.name(), outcome, latency, use));
    } catch (RuntimeException e) {
      log.warn("KiwiVM call listener failed", e);
    }
  }

  private static Done done(WireObject answer) {
    return Done.INSTANCE;
  }

  /** Form fields in order, leaving out those whose value is null (optional parameters). */
  private static Map<String, String> fields(String... namesAndValues) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null) {
        fields.put(namesAndValues[i], namesAndValues[i + 1]);
      }
    }
    return Map.copyOf(fields);
  }

  private static ThreadFactory daemonThreads() {
    return daemonThreads("kiwivm-client-");
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Waits between read retries; tests pass one that records instead of sleeping. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration pause) throws InterruptedException;
  }

  /** Settings of a {@link KiwiVmClient}; every one has a sensible default. */
  public static final class Builder {
    private final URI apiBase;
    private Duration timeout = Duration.ofSeconds(30);
    private Duration liveInfoTimeout = Duration.ofSeconds(30);
    private Duration infoTtl = Duration.ofSeconds(15);
    private Duration liveTtl = Duration.ofSeconds(10);
    private Duration listTtl = Duration.ofSeconds(30);
    private int maxInFlightPerKey = 3;
    private int readAttempts = 3;
    private Duration retryBackoff = Duration.ofMillis(250);
    private Duration maxRetryBackoff = Duration.ofSeconds(4);
    private Ticker ticker = Ticker.systemTicker();
    private Executor executor;
    private Executor background;
    private int backgroundThreads = 16;
    private Clock clock = Clock.systemUTC();
    private KiwiVmCallListener listener = KiwiVmCallListener.none();
    private Sleeper sleeper = pause -> Thread.sleep(pause.toMillis());

    private Builder(URI apiBase) {
      Objects.requireNonNull(apiBase, "apiBase");
      String text = apiBase.toString();
      this.apiBase = text.endsWith("/") ? apiBase : URI.create(text + "/");
    }

    /** The time one call may take, connecting included (default 30 s). */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /**
     * The time {@code getLiveServiceInfo} may take (default 30 s: the API says up to 15 s). The
     * larger of this and {@link #timeout} applies.
     */
    public Builder liveInfoTimeout(Duration liveInfoTimeout) {
      this.liveInfoTimeout = positive(liveInfoTimeout, "liveInfoTimeout");
      return this;
    }

    /** How long service info, OS list, SSH keys and rate-limit points stay cached (15 s). */
    public Builder infoTtl(Duration ttl) {
      this.infoTtl = notNegative(ttl, "infoTtl");
      return this;
    }

    /** How long live service info stays cached (10 s); zero turns caching off. */
    public Builder liveTtl(Duration ttl) {
      this.liveTtl = notNegative(ttl, "liveTtl");
      return this;
    }

    /** How long lists and logs stay cached (30 s); zero turns caching off. */
    public Builder listTtl(Duration ttl) {
      this.listTtl = notNegative(ttl, "listTtl");
      return this;
    }

    /** Requests in flight per API key at most (default 3). */
    public Builder maxInFlightPerKey(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxInFlightPerKey must be at least 1");
      }
      this.maxInFlightPerKey = max;
      return this;
    }

    /** Attempts a read makes in all on network failures and HTTP 5xx (default 3; 1 = none). */
    public Builder readAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("readAttempts must be at least 1");
      }
      this.readAttempts = attempts;
      return this;
    }

    /** The pause before the first read retry, doubled for each next one up to {@code max}. */
    public Builder retryBackoff(Duration first, Duration max) {
      this.retryBackoff = notNegative(first, "retryBackoff");
      this.maxRetryBackoff = notNegative(max, "maxRetryBackoff");
      return this;
    }

    /** The time source of cache expiry and latency figures (tests pass a fake one). */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /** Runs upstream reads; by default the client makes its own daemon threads. */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Runs {@link #fetch background reads} (autocomplete refreshes, {@code servers}); by default a
     * pool of {@link #backgroundThreads} daemon threads with a bounded queue.
     */
    public Builder backgroundExecutor(Executor background) {
      this.background = Objects.requireNonNull(background, "background");
      return this;
    }

    /**
     * Threads of the default background pool (16): background reads of different servers at once.
     */
    public Builder backgroundThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("backgroundThreads must be at least 1");
      }
      this.backgroundThreads = threads;
      return this;
    }

    /** The wall clock that dates the last known answers (their age in chat). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder listener(KiwiVmCallListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    public KiwiVmClient build() {
      return new KiwiVmClient(this);
    }

    private static Duration positive(Duration value, String name) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return value;
    }

    private static Duration notNegative(Duration value, String name) {
      if (value.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative");
      }
      return value;
    }
  }
}
