package dev.kiwiops.core.commands;

import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.Tone;

/** Turns an upstream failure into a short reply that names the server and what went wrong. */
public final class Outcomes {
  private Outcomes() {}

  /** A short success line. */
  public static Reply success(String text) {
    return Reply.builder().tone(Tone.SUCCESS).text(text).build();
  }

  /** A refusal before any write: the arguments do not fit what KiwiVM reports. */
  public static Reply refused(String text) {
    return Reply.builder().tone(Tone.ERROR).text(text + " Nothing was changed.").build();
  }

  /**
   * A write that did not succeed: "could not" when it failed; when its outcome is unknown, that it
   * may have happened, that it was not sent again, and which read tells ({@code info <server>}).
   */
  public static Reply failure(FleetServer server, String what, ApiResult<?> result) {
    return failure(server, what, result, "info " + server.name());
  }

  /**
   * As {@link #failure(FleetServer, String, ApiResult)}, naming the command that tells whether a
   * write of unknown outcome happened ({@code status web1} after a kill).
   */
  public static Reply failure(FleetServer server, String what, ApiResult<?> result, String check) {
    if (result.isUnknown()) {
      return Reply.builder()
          .tone(Tone.WARNING)
          .text(
              "It is not known whether the request to "
                  + what
                  + " "
                  + server.name()
                  + " was carried out: "
                  + result.describeFailure()
                  + " It may have happened, and it was not sent again; check with `"
                  + check
                  + "` before trying again.")
          .build();
    }
    Tone tone = result instanceof ApiResult.Locked<?> ? Tone.WARNING : Tone.ERROR;
    return Reply.builder()
        .tone(tone)
        .text("Could not " + what + " " + server.name() + ": " + result.describeFailure())
        .build();
  }
}
