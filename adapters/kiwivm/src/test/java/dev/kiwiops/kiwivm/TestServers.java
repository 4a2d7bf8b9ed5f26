package dev.kiwiops.kiwivm;

import dev.kiwiops.core.Secret;
import dev.kiwiops.core.fleet.FleetServer;
import java.util.Set;

/** Fleet servers of the tests; the keys look like real ones so that a leak would be found. */
final class TestServers {
  static final String KEY_TEXT = "private_AbCdEfGhIjKlMnOpQrStUvWx";
  static final FleetServer WEB1 = new FleetServer("web1", 999999, Secret.of(KEY_TEXT), Set.of());

  private TestServers() {}
}
