package dev.kiwiops.core.kiwivm;

import java.util.Locale;

/** Running state from live info, compared case-insensitively (the API says "running"). */
public enum PowerState {
  RUNNING,
  STOPPED,
  STARTING,
  UNKNOWN;

  public static PowerState parse(String raw) {
    if (raw == null) {
      return UNKNOWN;
    }
    return switch (raw.trim().toLowerCase(Locale.ROOT)) {
      case "running", "started" -> RUNNING;
      case "stopped", "down" -> STOPPED;
      case "starting" -> STARTING;
      default -> UNKNOWN;
    };
  }
}
