package dev.kiwiops.simulator.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Answers of the live KiwiVM API as public clients captured them (anonymised), kept as test
 * resources under {@code kiwivm-samples/}: the simulator's shapes and the client's parsing are both
 * checked against them. Other modules read them through this module's test-jar.
 */
public final class CapturedAnswers {
  /** The folder on the class path that holds the samples. */
  public static final String FOLDER = "kiwivm-samples";

  /** Every sample file; {@code CapturedAnswersTest} keeps this list equal to the folder. */
  public static final List<String> FILES =
      List.of(
          "backup-list-empty.json",
          "backup-list.json",
          "error-auth.json",
          "error-locked.json",
          "getAuditLog.json",
          "getAvailableOS.json",
          "getLiveServiceInfo-kvm.json",
          "getLiveServiceInfo-ovz.json",
          "getPolicyViolations.json",
          "getRateLimitStatus.json",
          "getRawUsageStats.json",
          "getServiceInfo-kvm.json",
          "getServiceInfo-nullroute.json",
          "getSuspensionDetails.json",
          "migrate-getLocations.json",
          "snapshot-list.json");

  private CapturedAnswers() {}

  /** The body of one sample, as the live API sends it. */
  public static String read(String file) {
    if (!FILES.contains(file)) {
      throw new IllegalArgumentException("no captured answer " + file);
    }
    try (InputStream in = CapturedAnswers.class.getResourceAsStream("/" + FOLDER + "/" + file)) {
      if (in == null) {
        throw new IllegalStateException(FOLDER + "/" + file + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
