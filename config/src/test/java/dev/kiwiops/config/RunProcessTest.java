package dev.kiwiops.config;

import static dev.kiwiops.config.RunFixture.eventually;
import static dev.kiwiops.config.RunFixture.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.simulator.KiwiVmSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kiwiops run} as its own process, as an orchestrator runs it: signals from outside (SIGHUP
 * reloads, SIGTERM stops in order and exits 0), JSON logs on standard error.
 */
class RunProcessTest {
  private static final String ADMIN = "  - { user: \"console:alice\", roles: [admin] }\n";

  @TempDir Path dir;
  private KiwiVmSimulator sim;
  private Process process;
  private Path log;
  private int port;

  @BeforeEach
  void start() throws IOException {
    sim = KiwiVmSimulator.startDemoFleet(0, Clock.systemUTC());
    port = RunFixture.freePort();
    log = dir.resolve("stderr.log");
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    sim.close();
  }

  private void launch(Path config) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-cp");
    // The product's class path: without test classes and test-jars, whose logback-test.xml would
    // take the place of the product's own logging set-up (LogDefaults).
    command.add(RunFixture.productClassPath());
    command.add("-Djava.awt.headless=true");
    command.add(Main.class.getName());
    command.addAll(List.of("run", "--config", config.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
    builder.redirectOutput(dir.resolve("stdout.log").toFile());
    builder.environment().putAll(RunFixture.ENV);
    process = builder.start();
  }

  private String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private void awaitReady() throws InterruptedException {
    try {
      awaitReadyOnce();
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage()
              + "; alive "
              + process.isAlive()
              + ", standard error: "
              + log()
              + ", standard output: "
              + read(dir.resolve("stdout.log")),
          e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private void awaitReadyOnce() throws InterruptedException {
    // A JVM starting on a busy machine: generous, and only as long as it takes.
    eventually(
        "the process to be ready",
        Duration.ofSeconds(120),
        () -> {
          try {
            return get(port, "/readyz").statusCode() == 200;
          } catch (IOException e) {
            return false;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
        });
  }

  private void hangUp() throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-HUP", String.valueOf(process.pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }

  @Test
  void sighupReloadsAGoodFileAndKeepsTheRunningOneOnABadFile() throws Exception {
    Path config =
        RunFixture.write(dir, RunFixture.yaml(sim, port, ADMIN, "logging: { format: json }\n"));
    launch(config);
    awaitReady();

    Files.writeString(
        config,
        RunFixture.yaml(
            sim,
            port,
            ADMIN + "  - { user: \"console:bob\", roles: [wizard] }\n",
            "logging: { format: json }\n"));
    hangUp();
    eventually("the bad file's problem in the log", () -> log().contains("unknown role 'wizard'"));

    Files.writeString(
        config,
        RunFixture.yaml(
            sim,
            port,
            ADMIN + "  - { user: \"console:bob\", roles: [viewer] }\n",
            "logging: { format: json }\n"));
    hangUp();
    eventually("the reload in the log", () -> log().contains("2 access bindings"));

    String log = log();
    assertThat(log).contains("kiwiops.yml:7: access[].roles: unknown role 'wizard'");
    assertThat(log.lines().filter(l -> l.contains("reload")))
        .isNotEmpty()
        .allSatisfy(
            line ->
                assertThat(line)
                    .startsWith("{")
                    .endsWith("}")
                    .contains("\"formattedMessage\":\"reload: ")
                    .doesNotContain("{}"));
    assertThat(process.isAlive()).isTrue();
  }

  @Test
  void sigtermWaitsForTheKiwiVmCallInFlightAndExitsZero() throws Exception {
    Path config = RunFixture.write(dir, RunFixture.yaml(sim, port, ADMIN, ""));
    launch(config);
    awaitReady();
    sim.faults().forCall("getServiceInfo").latency(Duration.ofSeconds(2));
    sim.clearCalls();
    eventually(
        "a watcher poll in flight",
        () -> !sim.calls(KiwiVmSimulator.DEMO_WEB1, "getServiceInfo").isEmpty());

    process.destroy(); // SIGTERM

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(log()).isZero();
    String log = log();
    assertThat(log).contains("shutting down").contains("stopped");
    // LogDefaults' format, on standard error: time, level, abbreviated logger, message.
    assertThat(log.lines().filter(l -> l.contains("shutting down")))
        .singleElement()
        .asString()
        .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  d\\.k\\.config\\.Host - shutting down: .*");
    assertThat(log).doesNotContain("polling web1 failed").doesNotContain("Exception");
    assertThat(log.indexOf("shutting down")).isLessThan(log.indexOf("stopped"));
  }
}
