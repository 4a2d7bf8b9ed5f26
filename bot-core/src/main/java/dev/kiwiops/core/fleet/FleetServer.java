package dev.kiwiops.core.fleet;

import dev.kiwiops.core.Secret;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One VPS of the configured fleet: its name in chat, its KiwiVM id and API key, and its tags.
 *
 * @param name the fleet name users type ({@code web1})
 * @param veid the KiwiVM VE id
 * @param apiKey the per-VPS API key (full rights on that VPS)
 * @param tags free-form tags used by access scopes and alert routes
 */
public record FleetServer(String name, long veid, Secret apiKey, Set<String> tags) {
  /**
   * The names the configuration accepts: short enough that every button token naming a server fits
   * Telegram's 64 bytes.
   */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,31}");

  public FleetServer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(apiKey, "apiKey");
    tags = Set.copyOf(tags);
  }

  @Override
  public String toString() {
    return "FleetServer[" + name + ", veid=" + veid + ", tags=" + tags + "]";
  }
}
