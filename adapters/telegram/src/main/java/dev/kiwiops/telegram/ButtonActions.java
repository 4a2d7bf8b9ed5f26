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
 * The one place that maps the core's buttons to Telegram: a button's opaque token goes verbatim
 * into {@code callback_data} (at most {@value #MAX_CALLBACK_BYTES} bytes, which the library does
 * not check and Telegram enforces by refusing the whole message), a click hands it back to {@link
 * dev.kiwiops.core.command.Dispatcher#click}, and the click's answer names its intent.
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

  /** The token a click with this callback data carries, if it can be one of ours. */
  static Optional<String> token(String callbackData) {
    if (callbackData == null
        || callbackData.isBlank()
        || TelegramHtml.bytes(callbackData) > MAX_CALLBACK_BYTES) {
      return Optional.empty();
    }
    return Optional.of(callbackData);
  }

  /** How the answer to an accepted click names it: "Confirmed", "Acknowledged". */
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
                  case RESOLVE -> "Resolve asked";
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
