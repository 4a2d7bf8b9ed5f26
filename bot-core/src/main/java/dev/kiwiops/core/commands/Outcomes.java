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

  public static Reply failure(FleetServer server, String what, ApiResult<?> result) {
    Tone tone = result instanceof ApiResult.Locked<?> ? Tone.WARNING : Tone.ERROR;
    return Reply.builder()
        .tone(tone)
        .text("Could not " + what + " " + server.name() + ": " + result.describeFailure())
        .build();
  }
}
