package dev.kiwiops.config;

import dev.kiwiops.core.platform.ChatPlatform;
import java.util.ArrayList;
import java.util.List;

/**
 * The chat platforms {@code kiwiops run} hosts, one per enabled section of the configuration
 * ({@code telegram:}, {@code discord:}). This is the one place that maps configuration to adapters:
 * each adapter adds its line to {@link #build} and its id to {@link #ids}.
 */
interface Platforms {

  /**
   * The ids of the platforms the configuration enables, before anything is built (the watcher's
   * alert sinks are named after them).
   *
   * @throws StartupException when the configuration enables a platform this build cannot host
   */
  List<String> ids(KiwiopsConfig config) throws StartupException;

  /** Builds the enabled platforms around the assembled core; none is started yet. */
  List<ChatPlatform> build(KiwiopsConfig config, Kiwiops app);

  /** The platforms of this build. */
  static Platforms standard() {
    return new Platforms() {
      @Override
      public List<String> ids(KiwiopsConfig config) throws StartupException {
        List<String> missing = new ArrayList<>();
        config.telegram().ifPresent(t -> missing.add("telegram"));
        config.discord().ifPresent(d -> missing.add("discord"));
        if (!missing.isEmpty()) {
          throw new StartupException(
              Main.USAGE,
              "this build of kiwiops has no "
                  + String.join(" or ", missing)
                  + " adapter yet; remove the "
                  + String.join(": and ", missing)
                  + ": section to run the watcher and the HTTP server alone");
        }
        return List.of();
      }

      @Override
      public List<ChatPlatform> build(KiwiopsConfig config, Kiwiops app) {
        return List.of();
      }
    };
  }
}
