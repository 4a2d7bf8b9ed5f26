package dev.kiwiops.config;

import dev.kiwiops.console.AttachmentFolder;
import dev.kiwiops.console.ConsoleAlertSink;
import dev.kiwiops.console.ConsoleChat;
import dev.kiwiops.console.ConsoleOutput;
import dev.kiwiops.core.Caller;
import dev.kiwiops.core.Identity;
import dev.kiwiops.simulator.KiwiVmSimulator;
import dev.kiwiops.store.Database;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code kiwiops} command line (README, "The command line"). Exit codes: 0 success, 1 runtime
 * failure, 2 usage or configuration error. Startup errors are one sentence unless {@code --debug}.
 */
@Command(
    name = "kiwiops",
    mixinStandardHelpOptions = true,
    version = "kiwiops 0.1.0",
    description = "Run a KiwiVM VPS fleet from Discord, Telegram and the terminal.",
    subcommands = {
      Main.Demo.class,
      Main.Run.class,
      Main.Console.class,
      Main.CheckConfig.class,
      Main.Simulator.class,
      Main.ImportCsv.class
    })
public final class Main implements Callable<Integer> {
  static final int OK = 0;
  static final int FAILURE = 1;
  static final int USAGE = 2;

  @Option(
      names = "--debug",
      description = "Show stack traces and debug logs.",
      scope = CommandLine.ScopeType.INHERIT)
  boolean debug;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;

  Main(InputStream in, PrintStream out, PrintStream err) {
    this.in = in;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs the command line and returns its exit code (tests call this). */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    Main main = new Main(in, out, err);
    CommandLine cli = new CommandLine(main);
    cli.setOut(new java.io.PrintWriter(out, true));
    cli.setErr(new java.io.PrintWriter(err, true));
    cli.setExitCodeExceptionMapper(e -> FAILURE);
    cli.setParameterExceptionHandler(
        (ex, a) -> {
          err.println(ex.getMessage());
          err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return USAGE;
        });
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (main.debug) {
            ex.printStackTrace(err);
          } else if (ex instanceof ConfigException config) {
            err.println("kiwiops: the configuration cannot be used:");
            config.problems().forEach(err::println);
          } else {
            err.println("kiwiops: " + oneSentence(ex));
          }
          return ex instanceof ConfigException ? USAGE : FAILURE;
        });
    return cli.execute(args);
  }

  static String oneSentence(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(out);
    return USAGE;
  }

  InputStream in() {
    return in;
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  /** {@code kiwiops demo}: the simulator, a small fleet, and the console as an admin. */
  @Command(
      name = "demo",
      mixinStandardHelpOptions = true,
      description = "Play with a simulated fleet (web1, db1, legacy1) in the console, as an admin.")
  static final class Demo implements Callable<Integer> {
    @CommandLine.ParentCommand Main main;

    @Option(
        names = "--port",
        description = "Simulator port (default: any free port).",
        defaultValue = "0")
    int port;

    @Option(names = "--user", description = "Console user name (default: the OS user).")
    String user;

    @Option(names = "--no-watch", description = "Do not run the alert watcher.")
    boolean noWatch;

    @Option(
        names = "--attachments",
        paramLabel = "DIR",
        description =
            "Where attachments are written (default: a new private folder under the temporary"
                + " folder). An existing DIR must be your own real folder that others cannot"
                + " write to.")
    Path attachments;

    @Override
    public Integer call() throws Exception {
      ConsoleOutput output;
      try {
        output = consoleOutput(main, attachments);
      } catch (AttachmentFolder.UnsafeFolderException e) {
        main.err().println("kiwiops: " + e.getMessage());
        return USAGE;
      }
      Path storeDir = java.nio.file.Files.createTempDirectory("kiwiops-demo");
      try (KiwiVmSimulator sim = KiwiVmSimulator.startDemoFleet(port, Clock.systemUTC())) {
        KiwiopsConfig config =
            DemoSetup.config(sim, consoleUser(user), storeDir.resolve("demo.db"));
        try (Kiwiops app =
            Kiwiops.assemble(config, List.of(new ConsoleAlertSink(output)), !noWatch)) {
          main.out()
              .println(
                  "kiwiops demo — simulated fleet web1, db1 (KVM) and legacy1 (OpenVZ) at "
                      + sim.apiBase()
                      + "\nYou are console:"
                      + consoleUser(user)
                      + " (admin). Type help; quit or Ctrl-D to leave."
                      + (noWatch
                          ? ""
                          : "\nThe watcher is on: a DDoS nullroute and a policy violation"
                              + " arrive within a minute."));
          app.start();
          app.watchNotice().ifPresent(notice -> main.err().println("kiwiops: " + notice + "."));
          if (!noWatch) {
            DemoSetup.scheduleIncidents(sim);
          }
          console(app, consoleUser(user), output).run(main.in());
        }
      } finally {
        DemoSetup.deleteQuietly(storeDir);
      }
      return OK;
    }
  }

  /** {@code kiwiops console}: the terminal chat against a configured fleet. */
  @Command(
      name = "console",
      mixinStandardHelpOptions = true,
      description = "Terminal chat against the configured fleet.")
  static final class Console implements Callable<Integer> {
    @CommandLine.ParentCommand Main main;

    @Option(names = "--config", required = true, description = "The YAML configuration file.")
    Path config;

    @Option(
        names = "--user",
        description = "Console user name; your identity is console:NAME (default: the OS user).")
    String user;

    @Option(names = "--no-watch", description = "Do not run the alert watcher.")
    boolean noWatch;

    @Option(
        names = "--attachments",
        paramLabel = "DIR",
        description =
            "Where attachments are written (default: a new private folder under the temporary"
                + " folder). An existing DIR must be your own real folder that others cannot"
                + " write to.")
    Path attachments;

    @Override
    public Integer call() throws Exception {
      ConfigLoader loader = new ConfigLoader(System::getenv);
      KiwiopsConfig loaded = loader.read(config);
      ConsoleOutput output;
      try {
        output = consoleOutput(main, attachments);
      } catch (AttachmentFolder.UnsafeFolderException e) {
        main.err().println("kiwiops: " + e.getMessage());
        return USAGE;
      }
      Kiwiops assembled;
      try {
        assembled = Kiwiops.assemble(loaded, List.of(new ConsoleAlertSink(output)), !noWatch);
      } catch (SQLException | java.nio.file.InvalidPathException e) {
        throw storeProblem(config, loader, e);
      }
      try (Kiwiops app = assembled) {
        app.start();
        app.watchNotice().ifPresent(notice -> main.err().println("kiwiops: " + notice + "."));
        console(app, consoleUser(user), output).run(main.in());
      }
      return OK;
    }
  }

  /** {@code kiwiops check-config}: validates and prints {@code FILE:LINE: message} per problem. */
  @Command(
      name = "check-config",
      mixinStandardHelpOptions = true,
      description = "Validate a configuration file.")
  static final class CheckConfig implements Callable<Integer> {
    @CommandLine.ParentCommand Main main;

    @Option(names = "--config", required = true, description = "The YAML configuration file.")
    Path config;

    @Override
    public Integer call() {
      try {
        ConfigLoader loader = new ConfigLoader(System::getenv);
        KiwiopsConfig c = loader.read(config);
        try {
          Database.open(c.storeUrl()).close();
        } catch (SQLException | RuntimeException e) {
          throw storeProblem(config, loader, e);
        }
        main.out()
            .println(
                config
                    + ": OK ("
                    + c.servers().size()
                    + " servers, "
                    + c.access().size()
                    + " access bindings)");
        return OK;
      } catch (ConfigException e) {
        e.problems().forEach(p -> main.err().println(p));
        return USAGE;
      }
    }
  }

  /** {@code kiwiops simulator}: the KiwiVM simulator alone. */
  @Command(
      name = "simulator",
      mixinStandardHelpOptions = true,
      description = "Run the KiwiVM simulator with the demo fleet until stopped.")
  static final class Simulator implements Callable<Integer> {
    @Option(
        names = "--port",
        description = "Port to listen on (default: 18080).",
        defaultValue = "18080")
    int port;

    @Override
    public Integer call() throws Exception {
      dev.kiwiops.simulator.SimulatorMain.main(new String[] {"--port", String.valueOf(port)});
      return OK;
    }
  }

  /**
   * {@code kiwiops run}: production mode. Runs until SIGTERM or SIGINT, then shuts down in order
   * and exits 0; SIGHUP reloads the configuration file.
   */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = "Production: chat platforms, watcher, health and metrics over HTTP.")
  static final class Run implements Callable<Integer> {
    @CommandLine.ParentCommand Main main;

    @Option(names = "--config", required = true, description = "The YAML configuration file.")
    Path config;

    @Override
    public Integer call() throws Exception {
      KiwiopsConfig loaded = ConfigLoader.load(config);
      LogSetup.apply(loaded.logging(), main.debug);
      Host host =
          new Host(config, loaded, System::getenv, Platforms.standard(), Clock.systemUTC(), false);
      // The handlers go in before the host starts: once /readyz answers, a SIGHUP must reload
      // rather than end the JVM (the default action), and a SIGTERM during startup stops it.
      java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
      boolean term = Signals.on("TERM", stop::countDown);
      Signals.on("INT", stop::countDown);
      Signals.on(
          "HUP",
          () -> {
            if (host.ready()) {
              host.reload();
            } else {
              org.slf4j.LoggerFactory.getLogger(Run.class)
                  .warn("reload: ignored while starting or stopping; send SIGHUP again later");
            }
          });
      try {
        host.start();
      } catch (StartupException e) {
        if (main.debug) {
          e.printStackTrace(main.err());
        } else {
          main.err().println("kiwiops: " + e.getMessage());
        }
        return e.exitCode();
      }
      // Without the TERM handler (another JVM), the hook still shuts down in order.
      Thread hook = new Thread(host::shutdown, "kiwiops-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      if (!term) {
        org.slf4j.LoggerFactory.getLogger(Run.class)
            .info("SIGTERM is handled by the shutdown hook; the exit status will be 143");
      }
      stop.await();
      host.shutdown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException alreadyExiting) {
        // the hook runs (or ran) host.shutdown, which is idempotent
      }
      return OK;
    }
  }

  /** {@code kiwiops import-csv}: a fleet spreadsheet to a servers block, keys in 0600 files. */
  @Command(
      name = "import-csv",
      mixinStandardHelpOptions = true,
      description = {
        "Turn a fleet CSV (columns name, veid, api_key, optional tags) into a servers: block.",
        "Each API key goes to its own 0600 file under --keys-dir, referenced as $${file:...};",
        "a file with any problem writes nothing and exits 2."
      })
  static final class ImportCsv implements Callable<Integer> {
    @CommandLine.ParentCommand Main main;

    @Parameters(paramLabel = "FILE", description = "The CSV file, UTF-8, with a header row.")
    Path file;

    @Option(
        names = "--out",
        description = "Write the servers: block to this file (default: standard output).")
    Path out;

    @Option(
        names = "--keys-dir",
        description =
            "Folder of the key files, created 0700 (default: secrets beside --out, or ./secrets).")
    Path keysDir;

    @Option(
        names = "--check",
        description = "Also ask KiwiVM (getServiceInfo, read-only) whether each key is accepted.")
    boolean check;

    @Option(
        names = "--api-url",
        description = "The KiwiVM API for --check (default: ${DEFAULT-VALUE}).",
        defaultValue = "https://api.64clouds.com/v1/")
    java.net.URI apiUrl;

    @Override
    public Integer call() {
      List<CsvImport.Row> rows;
      try {
        rows = CsvImport.read(file);
        if (check) {
          List<ConfigProblem> rejected = CsvImport.check(file.toString(), rows, apiUrl);
          if (!rejected.isEmpty()) {
            throw new ConfigException(rejected);
          }
        }
      } catch (ConfigException e) {
        e.problems().forEach(p -> main.err().println(p));
        main.err().println("kiwiops: nothing was written.");
        return USAGE;
      }
      Path base = out == null ? Path.of("") : out.toAbsolutePath().getParent();
      Path keys = keysDir != null ? keysDir : base.resolve("secrets");
      String reference =
          CsvImport.relative(base, keys).orElse(keys.toAbsolutePath().normalize().toString());
      if (out != null && java.nio.file.Files.isSymbolicLink(out)) {
        main.err().println("kiwiops: " + out + " is a symbolic link; nothing was written.");
        return USAGE;
      }
      try {
        String yaml = CsvImport.write(rows, keys, reference);
        if (out == null) {
          main.out().print(yaml);
        } else {
          CsvImport.writePrivate(
              out, yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
        }
        main.err()
            .println(
                "kiwiops: "
                    + rows.size()
                    + " servers"
                    + (out == null ? "" : " written to " + out)
                    + "; API keys in "
                    + keys
                    + " (one 0600 file each)"
                    + (check ? ", every key accepted by KiwiVM" : "")
                    + ".");
        return OK;
      } catch (java.io.IOException e) {
        main.err().println("kiwiops: " + oneSentence(e));
        return FAILURE;
      }
    }
  }

  /** A store that cannot be opened, as a problem at the line of {@code store.url}. */
  static ConfigException storeProblem(Path config, ConfigLoader loader, Exception e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getMessage() == null) {
      cause = cause.getCause();
    }
    String reason = Secrets.maskTokens(oneSentence(cause).lines().findFirst().orElse(""));
    return new ConfigException(
        List.of(
            new ConfigProblem(
                config.toString(),
                loader.storeUrlLine(),
                "store.url: the store cannot be opened: " + reason)));
  }

  static String consoleUser(String requested) {
    if (requested != null && !requested.isBlank()) {
      return requested;
    }
    String os = System.getProperty("user.name", "operator");
    return os.isBlank() ? "operator" : os.replace(' ', '_');
  }

  /**
   * The console's screen; attachments go to {@code attachments} if given, else to a private folder
   * of this process made on first use.
   */
  static ConsoleOutput consoleOutput(Main main, Path attachments)
      throws AttachmentFolder.UnsafeFolderException {
    AttachmentFolder folder =
        attachments == null
            ? AttachmentFolder.privateTemporary(Path.of(System.getProperty("java.io.tmpdir")))
            : AttachmentFolder.chosen(attachments);
    return new ConsoleOutput(main.out(), folder);
  }

  static ConsoleChat console(Kiwiops app, String user, ConsoleOutput output) {
    return new ConsoleChat(app.dispatcher(), Caller.of(Identity.console(user)), output);
  }
}
