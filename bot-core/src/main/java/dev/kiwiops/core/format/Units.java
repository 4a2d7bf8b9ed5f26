package dev.kiwiops.core.format;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Human formats for chat: binary byte units, relative times, UTC timestamps. */
public final class Units {
  private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Units() {}

  /** {@code 2147483648000} → {@code 1.95 TiB}; {@code 512} → {@code 512 B}. */
  public static String bytes(long bytes) {
    if (bytes < 1024 && bytes > -1024) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = 0;
    while (Math.abs(value) >= 1024 && unit < BINARY.length - 1) {
      value /= 1024;
      unit++;
    }
    String number = threeFigures(value);
    if (Math.abs(Double.parseDouble(number)) >= 1024 && unit < BINARY.length - 1) {
      // 1023.9 KiB would read "1024 KiB": say 1.00 MiB instead.
      number = threeFigures(value / 1024);
      unit++;
    }
    return number + " " + BINARY[unit];
  }

  /** About three significant figures, the precision chosen by the rounded value (9.999 → 10.0). */
  private static String threeFigures(double value) {
    String two = String.format(Locale.ROOT, "%.2f", value);
    if (Math.abs(Double.parseDouble(two)) < 10) {
      return two;
    }
    String one = String.format(Locale.ROOT, "%.1f", value);
    if (Math.abs(Double.parseDouble(one)) < 100) {
      return one;
    }
    return String.format(Locale.ROOT, "%.0f", value);
  }

  /** A UTC timestamp to the minute: {@code 2025-09-09 15:27 UTC}. */
  public static String utc(Instant at) {
    return UTC.format(at);
  }

  /** {@code in 11 days}, {@code 3 hours ago}, {@code now}, relative to {@code now}. */
  public static String relative(Instant at, Instant now) {
    Duration d = Duration.between(now, at);
    boolean future = !d.isNegative();
    String span = span(d.abs());
    if (span.isEmpty()) {
      return "now";
    }
    return future ? "in " + span : span + " ago";
  }

  /** {@code 11 days}, {@code 3 hours}, {@code 5 min}, {@code 40 s}; empty under a second. */
  public static String span(Duration d) {
    long s = d.toSeconds();
    if (s >= 2 * 86400) {
      return (s / 86400) + " days";
    } else if (s >= 2 * 3600) {
      return (s / 3600) + " hours";
    } else if (s >= 120) {
      return (s / 60) + " min";
    } else if (s >= 1) {
      return s + " s";
    }
    return "";
  }

  /**
   * Bytes moved in {@code over} as a bit rate, the way links are sold: {@code 2.3 Mbit/s} (decimal,
   * since network speeds are).
   */
  public static String rate(long bytes, Duration over) {
    double seconds = Math.max(1, over.toMillis() / 1000.0);
    double bits = bytes * 8 / seconds;
    String[] units = {"bit/s", "kbit/s", "Mbit/s", "Gbit/s"};
    int unit = 0;
    while (bits >= 1000 && unit < units.length - 1) {
      bits /= 1000;
      unit++;
    }
    return (bits >= 100 || unit == 0
            ? String.format(Locale.ROOT, "%.0f", bits)
            : String.format(Locale.ROOT, "%.1f", bits))
        + " "
        + units[unit];
  }

  /** A duration the way chat says it: {@code 6h}, {@code 7d}, {@code 90m}. */
  public static String period(Duration d) {
    long minutes = d.toMinutes();
    if (minutes % (24 * 60) == 0) {
      return (minutes / (24 * 60)) + "d";
    } else if (minutes % 60 == 0) {
      return (minutes / 60) + "h";
    }
    return minutes + "m";
  }

  /** A percentage with no more than one decimal: {@code 28.5%}. */
  public static String percent(double fraction) {
    double p = fraction * 100;
    return (p == Math.rint(p)
            ? String.format(Locale.ROOT, "%.0f", p)
            : String.format(Locale.ROOT, "%.1f", p))
        + "%";
  }
}
