package dev.kiwiops.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
  private final SimulatorFixture f = new SimulatorFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void fiftyParallelRequestsAreAllAnsweredAndCounted() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      List<Future<Long>> answers = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String ip = "10.18.2." + (10 + i % 6);
        answers.add(
            pool.submit(
                () -> {
                  f.kvm.post("privateIp/assign", "ip", ip);
                  return f.kvm.post("getServiceInfo").error();
                }));
      }
      for (Future<Long> answer : answers) {
        assertThat(answer.get()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(f.sim.calls()).hasSize(100);
    assertThat(f.kvmServer().privateIps()).doesNotHaveDuplicates().hasSize(6);
    assertThat(f.kvmServer().remainingPoints15min()).isEqualTo(900);
  }
}
