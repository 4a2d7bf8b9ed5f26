package dev.kiwiops.telegram;

import dev.kiwiops.core.reply.Button;
import dev.kiwiops.core.reply.ButtonToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/**
 * The one place that maps the core's buttons to Telegram: what a button puts into {@code
 * callback_data} (at most {@value #MAX_CALLBACK_BYTES} bytes, which the library does not check and
 * Telegram enforces by refusing the whole message), what a click runs, and how the settled prompt
 * names the outcome.
 *
 * <p>The callback data is the button's token as it is ({@link ButtonToken}: at most 64 bytes); a
 * click hands it back to {@code Dispatcher.click}, which runs it as the clicking user, through the
 * same checks as typing.
 */
final class ButtonActions {
  private static final Logger LOG = LoggerFactory.getLogger(ButtonActions.class);
  static final int MAX_CALLBACK_BYTES = 64;
  private static final int PER_ROW = 3;

  private ButtonActions() {}

  /** The callback data of a button; refuses data Telegram would refuse. */
  static String callbackData(Button button) {
    String data = button.token();
    int size = TelegramHtml.bytes(data);
    if (size == 0 || size > MAX_CALLBACK_BYTES) {
      throw new IllegalArgumentException(
          "button '" + button.label() + "' carries " + size + " bytes; Telegram allows 1 to 64");
    }
    return data;
  }

  /** The button token a click with this callback data carries, if it is one of ours. */
  static Optional<String> token(String callbackData) {
    return ButtonToken.decode(callbackData).map(ButtonToken::encode);
  }

  /** How a settled prompt names what the click did: "Confirmed", "Acknowledged". */
  static String outcome(String callbackData) {
    return ButtonToken.decode(callbackData)
        .map(
            t ->
                switch (t.intent()) {
                  case CONFIRM -> "Confirmed";
                  case CANCEL -> "Cancelled";
                  case APPROVE -> "Approved";
                  case ACK -> "Acknowledged";
                  case SNOOZE -> "Snoozed";
                  case RESOLVE -> "Resolved";
                })
        .orElse("Done");
  }

  /** The inline keyboard for these buttons, or null when none can be shown. */
  static InlineKeyboardMarkup keyboard(List<Button> buttons) {
    List<InlineKeyboardRow> rows = new ArrayList<>();
    InlineKeyboardRow row = new InlineKeyboardRow();
    for (Button button : buttons) {
      String data;
      try {
        data = callbackData(button);
      } catch (IllegalArgumentException e) {
        LOG.error("Telegram: a button was left out of a message: {}", e.getMessage());
        continue;
      }
      if (row.size() == PER_ROW) {
        rows.add(row);
        row = new InlineKeyboardRow();
      }
      row.add(InlineKeyboardButton.builder().text(button.label()).callbackData(data).build());
    }
    if (!row.isEmpty()) {
      rows.add(row);
    }
    return rows.isEmpty() ? null : new InlineKeyboardMarkup(rows);
  }
}
