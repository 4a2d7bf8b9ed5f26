package dev.kiwiops.config;

import static dev.kiwiops.config.RunFixture.ENV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiwiops.core.platform.ChatPlatform;
import dev.kiwiops.core.platform.PlatformHealth;
import dev.kiwiops.core.platform.PlatformStartException;
import dev.kiwiops.simulator.KiwiVmSimulator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code kiwiops run} starts several chat platforms: side by side, all or none. */
class HostPlatformsTest {
  private static final String ADMIN = "  - { user: \"console:alice\", roles: [admin] }\n";

  @TempDir Path dir;
  private KiwiVmSimulator sim;
  private Host host;

  @BeforeEach
  void start() {
    sim = KiwiVmSimulator.startDemoFleet(0, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    if (host != null) {
      host.shutdown();
    }
    sim.close();
  }

  private Host host(List<ChatPlatform> list) throws Exception {
    Path file = RunFixture.write(dir, RunFixture.yaml(sim, RunFixture.freePort(), ADMIN, ""));
    KiwiopsConfig config = new ConfigLoader(ENV::get).read(file);
    Platforms platforms =
        new Platforms() {
          @Override
          public List<String> ids(KiwiopsConfig c) {
            return list.stream().map(ChatPlatform::id).toList();
          }

          @Override
          public List<ChatPlatform> build(KiwiopsConfig c, Kiwiops app) {
            return list;
          }
        };
    Host created = new Host(file, config, ENV::get, platforms, Clock.systemUTC(), true);
    host = created;
    return created.start();
  }

  @Test
  void platformsStartSideBySide() throws Exception {
    // Each start returns only once the other has begun too: one after the other, the first fails.
    CountDownLatch both = new CountDownLatch(2);
    Platform chatA = new Platform("chata", both, null);
    Platform chatB = new Platform("chatb", both, null);

    host(List.of(chatA, chatB));

    assertThat(host.ready()).isTrue();
    assertThat(chatA.started).isTrue();
    assertThat(chatB.started).isTrue();
    assertThat(chatA.startThread).isNotEqualTo(chatB.startThread);
  }

  @Test
  void aPlatformThatCannotStartStopsTheStartAndThoseThatStartedAreStopped() throws Exception {
    Platform good = new Platform("chata", new CountDownLatch(0), null);
    Platform bad = new Platform("chatb", new CountDownLatch(0), "the token was refused");

    assertThatThrownBy(() -> host(List.of(good, bad)))
        .isInstanceOf(StartupException.class)
        .hasMessage("chatb cannot start: the token was refused");

    assertThat(good.started).isTrue();
    assertThat(good.stoppedWith).isNotNull();
    assertThat(bad.stoppedWith).isNull();
    assertThat(host.ready()).isFalse();
  }

  @Test
  void theFirstFailureInConfigurationOrderIsTheOneReported() throws Exception {
    Platform first = new Platform("chata", new CountDownLatch(0), "first refused");
    Platform second = new Platform("chatb", new CountDownLatch(0), "second refused");

    assertThatThrownBy(() -> host(List.of(first, second)))
        .isInstanceOf(StartupException.class)
        .hasMessage("chata cannot start: first refused");
  }

  /** Starts once {@code gate} opens (after counting itself down), or fails with {@code refusal}. */
  private static final class Platform implements ChatPlatform {
    private final String id;
    private final CountDownLatch gate;
    private final String refusal;
    volatile boolean started;
    volatile Thread startThread;
    volatile Duration stoppedWith;

    Platform(String id, CountDownLatch gate, String refusal) {
      this.id = id;
      this.gate = gate;
      this.refusal = refusal;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public void start() throws PlatformStartException {
      startThread = Thread.currentThread();
      gate.countDown();
      try {
        if (!gate.await(20, TimeUnit.SECONDS)) {
          throw new PlatformStartException("the other platform never started alongside");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PlatformStartException("interrupted");
      }
      if (refusal != null) {
        throw new PlatformStartException(refusal);
      }
      started = true;
    }

    @Override
    public void stop(Duration grace) {
      stoppedWith = grace;
    }

    @Override
    public PlatformHealth health() {
      return PlatformHealth.up(Instant.EPOCH);
    }
  }
}
