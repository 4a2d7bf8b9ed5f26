package dev.kiwiops.kiwivm;

import dev.kiwiops.core.Secret;
import dev.kiwiops.core.fleet.FleetServer;
import java.util.Set;

/**
 * Fleet servers of the tests (WEB1 for canned samples, the others for the simulator); the keys look
 * like real ones so that a leak would be found.
 */
final class TestServers {
  static final String KEY_TEXT = "private_AbCdEfGhIjKlMnOpQrStUvWx";
  static final FleetServer WEB1 = new FleetServer("web1", 999999, Secret.of(KEY_TEXT), Set.of());
  static final FleetServer WEB =
      new FleetServer("web", 4242, Secret.of("private_Qx7Lm2Np8Rt4Vw6Yz0Ab3Cd5"), Set.of());
  static final FleetServer OTHER =
      new FleetServer("other", 4343, Secret.of("private_Ef9Gh1Jk3Mn5Pq7St9Uv1Wx3"), Set.of());
  static final FleetServer LEGACY =
      new FleetServer("legacy", 4444, Secret.of("private_Za2Yb4Xc6Wd8Ve0Uf2Tg4Sh6"), Set.of());

  private TestServers() {}
}
