package dev.kiwiops.simulator;

import java.time.Duration;
import java.time.Instant;

/** A simulator on an ephemeral port with a manual clock, one KVM and one OpenVZ server. */
final class SimulatorFixture implements AutoCloseable {
  static final long KVM = 1001;
  static final long OVZ = 1003;
  static final long OTHER_KVM = 1002;
  static final String KVM_KEY = "private_AAAAbbbbCCCCdddd11112222";
  static final String OVZ_KEY = "private_ZZZZyyyyXXXXwwww99998888";
  static final String OTHER_KEY = "private_MMMMnnnnOOOOpppp33334444";
  static final Instant START = Instant.parse("2025-09-09T15:27:13Z");

  final ManualClock clock = ManualClock.at(START);
  final KiwiVmSimulator sim;
  final ApiClient kvm;
  final ApiClient ovz;

  SimulatorFixture() {
    sim =
        KiwiVmSimulator.start(0, clock)
            .lockDuration(Duration.ofSeconds(20))
            .snapshotDelay(Duration.ofSeconds(10));
    sim.addServer(ServerSpec.kvm(KVM, KVM_KEY, "web1.example.net"));
    sim.addServer(ServerSpec.ovz(OVZ, OVZ_KEY, "legacy1.example.net"));
    kvm = new ApiClient(sim, KVM);
    ovz = new ApiClient(sim, OVZ);
  }

  ApiClient addOtherKvm() {
    sim.addServer(ServerSpec.kvm(OTHER_KVM, OTHER_KEY, "db1.example.net"));
    return new ApiClient(sim, OTHER_KVM);
  }

  SimulatedServer kvmServer() {
    return sim.server(KVM);
  }

  SimulatedServer ovzServer() {
    return sim.server(OVZ);
  }

  @Override
  public void close() {
    sim.close();
  }
}
