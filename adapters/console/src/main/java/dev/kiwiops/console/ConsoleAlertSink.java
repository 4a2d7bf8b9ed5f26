package dev.kiwiops.console;

import dev.kiwiops.core.watch.Alert;
import dev.kiwiops.core.watch.AlertSink;

/**
 * Prints alerts in the terminal chat, as they arrive, like any other message: attachments (attack
 * logs) are written to the console's attachment folder. Destination {@code console}.
 */
public final class ConsoleAlertSink implements AlertSink {
  private final ConsoleOutput output;

  public ConsoleAlertSink(ConsoleOutput output) {
    this.output = output;
  }

  @Override
  public String id() {
    return "console";
  }

  @Override
  public void deliver(String target, Alert alert) {
    output.print(alert.toReply());
  }
}
