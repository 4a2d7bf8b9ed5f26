package dev.kiwiops.core.kiwivm;

import java.util.List;

/** {@code getSuspensionDetails}: outstanding suspensions with their evidence text. */
public record SuspensionDetails(
    int suspensionCount, long totalAbusePoints, long maxAbusePoints, List<Suspension> suspensions) {
  public SuspensionDetails {
    suspensions = List.copyOf(suspensions);
  }

  /** One suspension; {@code soft} ones can be lifted through the API. */
  public record Suspension(
      long recordId,
      String flag,
      boolean soft,
      long evidenceRecordId,
      long abusePoints,
      String evidence) {}
}
