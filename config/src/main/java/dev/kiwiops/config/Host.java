package dev.kiwiops.config;

import dev.kiwiops.core.commands.ReloadCommand;
import dev.kiwiops.core.platform.ChatPlatform;
import dev.kiwiops.core.platform.PlatformStartException;
import dev.kiwiops.core.watch.AlertSink;
import dev.kiwiops.core.watch.AlertStoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code kiwiops run} runs: the core with its store and watcher, every chat platform the
 * configuration enables, and the HTTP server of health and metrics; reloads the configuration file
 * on request and shuts everything down in order.
 *
 * <p>Shutdown order: readiness goes down; each platform stops taking commands and lets the running
 * ones finish; the watcher stops and the outbox delivers what it can; background work in flight
 * (KiwiVM polls, progress checks) finishes; the HTTP server stops last. All of it within {@code
 * shutdown.grace}.
 */
final class Host {
  private static final Logger LOG = LoggerFactory.getLogger(Host.class);

  private final Path file;
  private final Function<String, String> environment;
  private final Platforms platforms;
  private final Clock clock;
  private final Telemetry telemetry;
  private final KiwiopsConfig initial;
  private final List<PlatformSink> sinks = new ArrayList<>();
  private final List<ChatPlatform> started = new ArrayList<>();
  private Kiwiops app;
  private HttpEndpoints http;
  private volatile boolean ready;
  private boolean stopped;

  /**
   * @param file the configuration file, read again on reload
   * @param config the configuration read from it
   * @param environment resolves {@code ${NAME}} on reload
   * @param strictMetrics whether a conflicting meter registration throws (tests)
   */
  Host(
      Path file,
      KiwiopsConfig config,
      Function<String, String> environment,
      Platforms platforms,
      Clock clock,
      boolean strictMetrics) {
    this.file = file;
    this.initial = config;
    this.environment = environment;
    this.platforms = platforms;
    this.clock = clock;
    this.telemetry = new Telemetry(strictMetrics);
  }

  /** Starts everything; on failure, stops what had started and throws. */
  synchronized Host start() throws StartupException {
    try {
      startAll();
      return this;
    } catch (StartupException | RuntimeException e) {
      shutdown();
      throw e;
    }
  }

  private void startAll() throws StartupException {
    KiwiopsConfig config = initial;
    for (String id : platforms.ids(config)) {
      sinks.add(new PlatformSink(id));
    }
    try {
      app = Kiwiops.assemble(config, List.copyOf(sinks), true, telemetry, this::reload, clock);
    } catch (SQLException e) {
      throw new StartupException(
          Main.FAILURE,
          "the store cannot be opened: " + Secrets.maskTokens(Main.oneSentence(e)),
          e);
    }
    List<ChatPlatform> built = platforms.build(config, app);
    for (dev.kiwiops.core.watch.Destination unknown :
        app.router().unknownSinks(new java.util.HashSet<>(platforms.ids(config)))) {
      if (!unknown.sink().equals("console")) {
        LOG.warn("alerts.routes names {}, which is not configured: its alerts wait", unknown);
      }
    }
    for (ChatPlatform platform : built) {
      if (platform instanceof AlertSink sink) {
        sinks.stream().filter(s -> s.id().equals(sink.id())).forEach(s -> s.bind(sink));
      }
    }
    if (config.http().enabled()) {
      try {
        http =
            new HttpEndpoints(
                    config.http(),
                    new Health(app, built, clock)::check,
                    () -> ready,
                    telemetry::scrape)
                .start();
      } catch (IOException | RuntimeException e) {
        throw new StartupException(
            Main.FAILURE,
            "cannot serve HTTP on "
                + config.http().bind()
                + ":"
                + config.http().port()
                + ": "
                + Main.oneSentence(e),
            e);
      }
    }
    startPlatforms(built);
    try {
      app.start();
    } catch (AlertStoreException e) {
      throw new StartupException(
          Main.FAILURE, "the alert state cannot be read: " + Main.oneSentence(e), e);
    }
    app.watchNotice().ifPresent(notice -> LOG.warn("{}", notice));
    ready = true;
    LOG.info(
        "kiwiops running: {} servers, chat platforms [{}], watcher {}, HTTP {}",
        config.servers().size(),
        String.join(", ", built.stream().map(ChatPlatform::id).toList()),
        app.watching() ? "every " + config.alerts().interval().toSeconds() + " s" : "off",
        http == null ? "off" : config.http().bind() + ":" + http.port());
  }

  /**
   * Starts the platforms side by side (each one mostly waits on its chat service's login and
   * command registration, and loads its own library's classes), and waits for all of them. Every
   * platform that started is remembered for {@link #shutdown}, also when another failed; the first
   * failure in configuration order is thrown.
   */
  private void startPlatforms(List<ChatPlatform> built) throws StartupException {
    if (built.isEmpty()) {
      return;
    }
    if (built.size() == 1) {
      startOne(built.get(0));
      started.add(built.get(0));
      return;
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService starters =
        Executors.newFixedThreadPool(
            built.size(),
            r -> {
              Thread t = new Thread(r, "kiwiops-platform-start-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    List<Future<ChatPlatform>> starting = new ArrayList<>();
    try {
      for (ChatPlatform platform : built) {
        starting.add(
            starters.submit(
                () -> {
                  startOne(platform);
                  return platform;
                }));
      }
      Exception failure = null;
      boolean interrupted = false;
      for (Future<ChatPlatform> future : starting) {
        while (true) {
          try {
            started.add(future.get());
            break;
          } catch (InterruptedException e) {
            interrupted = true;
          } catch (ExecutionException e) {
            if (failure == null) {
              failure = e.getCause() instanceof Exception cause ? cause : e;
            }
            if (e.getCause() instanceof Error error) {
              throw error;
            }
            break;
          }
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (failure instanceof StartupException startup) {
        throw startup;
      }
      if (failure instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (failure != null) {
        throw new StartupException(Main.FAILURE, Main.oneSentence(failure), failure);
      }
    } finally {
      starters.shutdown();
    }
  }

  private static void startOne(ChatPlatform platform) throws StartupException {
    try {
      platform.start();
    } catch (PlatformStartException e) {
      throw new StartupException(
          Main.FAILURE, platform.id() + " cannot start: " + Main.oneSentence(e), e);
    }
  }

  /**
   * Reads the configuration file again and, if it has no problem, puts its access, roles,
   * confirmations, servers and alert routes in force for the next command. A file with problems
   * changes nothing; each problem is logged and returned as {@code FILE:LINE: message}.
   */
  synchronized ReloadCommand.Result reload() {
    KiwiopsConfig next;
    try {
      next = new ConfigLoader(environment).read(file);
    } catch (ConfigException e) {
      List<String> problems = e.problems().stream().map(ConfigProblem::toString).toList();
      LOG.warn(
          "reload: {} has {} problem(s); the running configuration is kept", file, problems.size());
      problems.forEach(p -> LOG.warn("reload: {}", p));
      return new ReloadCommand.Result(
          false,
          "The configuration was not reloaded: "
              + file.getFileName()
              + " has problems; the running configuration is kept.",
          problems);
    }
    List<String> restart = app.needsRestart(next);
    app.apply(next, List.copyOf(sinks));
    List<String> notes =
        restart.isEmpty()
            ? List.of()
            : List.of(
                "These sections changed but take effect only after a restart: "
                    + String.join(", ", restart)
                    + ".");
    LOG.info(
        "reload: {} in force: {} servers, {} access bindings, {} alert routes",
        file,
        next.servers().size(),
        next.access().size(),
        next.alerts().routes().size());
    notes.forEach(n -> LOG.warn("reload: {}", n));
    return new ReloadCommand.Result(
        true,
        "Reloaded "
            + file.getFileName()
            + ": "
            + next.servers().size()
            + " servers, "
            + next.access().size()
            + " access bindings, "
            + next.alerts().routes().size()
            + " alert routes in force for the next command.",
        notes);
  }

  /** Stops everything in order within {@code shutdown.grace}. Idempotent. */
  synchronized void shutdown() {
    if (stopped) {
      return;
    }
    stopped = true;
    ready = false;
    Duration grace = initial.shutdownGrace();
    Instant deadline = clock.instant().plus(grace);
    LOG.info("shutting down: no new commands; {} for running work and alert deliveries", grace);
    for (int i = started.size() - 1; i >= 0; i--) {
      ChatPlatform platform = started.get(i);
      try {
        platform.stop(left(deadline));
      } catch (RuntimeException e) {
        LOG.warn("{} did not stop cleanly: {}", platform.id(), e.toString());
      }
    }
    if (app != null) {
      app.close(left(deadline));
    }
    if (http != null) {
      http.close();
    }
    telemetry.close();
    LOG.info("stopped");
  }

  private Duration left(Instant deadline) {
    Duration left = Duration.between(clock.instant(), deadline);
    return left.isNegative() ? Duration.ZERO : left;
  }

  boolean ready() {
    return ready;
  }

  Kiwiops app() {
    return app;
  }

  Telemetry telemetry() {
    return telemetry;
  }

  /** The bound HTTP port (the configured one, or the one the system chose for port 0 in tests). */
  int httpPort() {
    return http == null ? 0 : http.port();
  }
}
