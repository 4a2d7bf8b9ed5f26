package dev.kiwiops.core.commands;

import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.Tone;

/** Turns an upstream failure into a short reply that names the server and what went wrong. */
public final class Outcomes {
  private Outcomes() {}

  public static Reply failure(FleetServer server, String what, ApiResult<?> result) {
    Tone tone = result instanceof ApiResult.Locked<?> ? Tone.WARNING : Tone.ERROR;
    return Reply.builder()
        .tone(tone)
        .text("Could not " + what + " " + server.name() + ": " + result.describeFailure())
        .build();
  }
}
