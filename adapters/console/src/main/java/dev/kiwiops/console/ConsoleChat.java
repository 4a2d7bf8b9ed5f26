package dev.kiwiops.console;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.command.Dispatcher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The terminal chat: each input line is one command as typed in chat (a leading {@code /} is
 * optional); replies are printed as plain text on a {@link ConsoleOutput}. {@code quit} or end of
 * input ends the session.
 */
public final class ConsoleChat {
  static final ChatRef CHAT = new ChatRef("console", "tty", true);

  private final Dispatcher dispatcher;
  private final Caller caller;
  private final ConsoleOutput output;

  public ConsoleChat(Dispatcher dispatcher, Caller caller, ConsoleOutput output) {
    this.dispatcher = dispatcher;
    this.caller = caller;
    this.output = output;
  }

  /** Reads commands until {@code quit} or end of input. */
  public void run(InputStream in) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    while ((line = reader.readLine()) != null) {
      String trimmed = line.strip();
      if (trimmed.equalsIgnoreCase("quit") || trimmed.equalsIgnoreCase("/quit")) {
        break;
      }
      if (trimmed.isEmpty()) {
        continue;
      }
      handle(trimmed);
    }
  }

  /** Runs one command line as this console's user. */
  public void handle(String line) {
    dispatcher.handle(caller, CHAT, line, output.conversation());
  }
}
