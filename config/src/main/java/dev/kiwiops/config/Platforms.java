package dev.kiwiops.config;

import dev.kiwiops.core.platform.ChatPlatform;
import dev.kiwiops.discord.DiscordPlatform;
import dev.kiwiops.discord.DiscordSettings;
import dev.kiwiops.telegram.TelegramPlatform;
import dev.kiwiops.telegram.TelegramSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The chat platforms {@code kiwiops run} hosts, one per enabled section of the configuration
 * ({@code telegram:}, {@code discord:}). This is the one place that maps configuration to adapters:
 * a new adapter adds its id to {@link #ids} and its construction to {@link #build}.
 */
interface Platforms {

  /**
   * The ids of the platforms the configuration enables, before anything is built (the watcher's
   * alert sinks are named after them).
   */
  List<String> ids(KiwiopsConfig config);

  /**
   * Builds the enabled platforms around the assembled core; none is started yet.
   *
   * @throws StartupException when a section's values cannot make a platform (exit 2)
   */
  List<ChatPlatform> build(KiwiopsConfig config, Kiwiops app) throws StartupException;

  /** The platforms of this build: Telegram and Discord. */
  static Platforms standard() {
    return new Platforms() {
      @Override
      public List<String> ids(KiwiopsConfig config) {
        List<String> ids = new ArrayList<>();
        config.telegram().ifPresent(t -> ids.add("telegram"));
        config.discord().ifPresent(d -> ids.add("discord"));
        return ids;
      }

      @Override
      public List<ChatPlatform> build(KiwiopsConfig config, Kiwiops app) throws StartupException {
        List<ChatPlatform> platforms = new ArrayList<>();
        try {
          if (config.telegram().isPresent()) {
            KiwiopsConfig.Telegram t = config.telegram().get();
            platforms.add(
                TelegramPlatform.builder(
                        TelegramSettings.of(t.token()).withApiUrl(root(t.apiUrl())))
                    .dispatcher(app::dispatcher)
                    .catalog(app::catalog)
                    .access(app.access())
                    // A replica that is not sure it still leads (it froze, its lock connection
                    // went) sends no poll that would take a batch from the new leader's poller.
                    .mayPoll(app::leadsNow)
                    .clock(app.clock())
                    .build());
          }
          if (config.discord().isPresent()) {
            KiwiopsConfig.Discord d = config.discord().get();
            DiscordSettings settings =
                DiscordSettings.of(d.token(), d.guilds())
                    .withEndpoints(
                        d.apiUrl().map(URI::toString).orElse(DiscordSettings.DEFAULT_API_URL),
                        d.gatewayUrl()
                            .map(URI::toString)
                            .orElse(DiscordSettings.DEFAULT_GATEWAY_URL));
            platforms.add(
                new DiscordPlatform(
                        settings,
                        app.dispatcher(),
                        app.catalog(),
                        Optional.of(app.completer()),
                        app.clock())
                    // A replica that is not sure it still leads leaves interactions to the leader.
                    .actOnlyWhile(app::leadsNow));
          }
        } catch (IllegalArgumentException e) {
          throw new StartupException(Main.USAGE, Main.oneSentence(e), e);
        }
        return platforms;
      }
    };
  }

  /** The Bot API server as Telegram's settings take it: scheme, host and port, no path. */
  private static URI root(URI url) {
    String text = url.toString();
    return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
  }
}
