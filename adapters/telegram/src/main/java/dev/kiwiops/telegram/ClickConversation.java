package dev.kiwiops.telegram;

import dev.kiwiops.core.reply.Conversation;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.Tone;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation of one button click. Telegram wants every click answered ({@code
 * answerCallbackQuery}): a refused click (not yours, no longer valid, not allowed) is answered with
 * a short notice to the clicker alone and nothing is posted; an accepted click is answered with its
 * outcome and the command's answers follow in the chat. The core settles the prompt itself, through
 * {@link #edit} on the source message.
 */
final class ClickConversation implements Conversation {
  private static final Logger LOG = LoggerFactory.getLogger(ClickConversation.class);
  private static final int MAX_NOTICE = 190;

  private final ChatConversation chat;
  private final BotApi api;
  private final String callbackId;
  private final String callbackData;
  private boolean answered;

  ClickConversation(ChatConversation chat, BotApi api, String callbackId, String callbackData) {
    this.chat = chat;
    this.api = api;
    this.callbackId = callbackId;
    this.callbackData = callbackData;
  }

  @Override
  public synchronized MessageHandle send(Reply reply) {
    if (!answered) {
      answered = true;
      if (isRefusal(reply)) {
        answer(notice(reply), true);
        return new ChatConversation.Handle(chat.chatId(), -1, java.time.Instant.EPOCH);
      }
      answer(ButtonActions.outcome(callbackData), false);
    }
    return chat.send(reply);
  }

  @Override
  public void edit(MessageHandle message, Reply reply) {
    chat.edit(message, reply);
  }

  @Override
  public boolean canReplyPrivately() {
    return chat.canReplyPrivately();
  }

  /** Answers the click if nothing did yet (the command answered nothing). */
  synchronized void finish() {
    if (!answered) {
      answered = true;
      answer(ButtonActions.outcome(callbackData), false);
    }
  }

  /** Answers a click that cannot be taken at all. */
  static void refuse(BotApi api, String callbackId, String text) {
    try {
      api.answerCallback(callbackId, text, true);
    } catch (BotApiException e) {
      LOG.debug("Telegram: a click could not be answered: {}", e.getMessage());
    }
  }

  private void answer(String text, boolean alert) {
    try {
      api.answerCallback(callbackId, text, alert);
    } catch (BotApiException e) {
      // A click answered too late (after about 15 s) is refused; the outcome still shows in chat.
      LOG.debug("Telegram: a click could not be answered: {}", e.getMessage());
    }
  }

  /** Whether the core refused the click before doing anything. */
  static boolean isRefusal(Reply reply) {
    if (reply.tone() != Tone.ERROR) {
      return false;
    }
    String lower = reply.plainText().toLowerCase(Locale.ROOT);
    return lower.contains("is not yours")
        || lower.contains("no longer valid")
        || lower.contains("not valid")
        || lower.contains("already confirmed")
        || lower.startsWith("you are not allowed")
        || lower.startsWith("you are no longer allowed")
        || lower.startsWith("only ")
        || lower.startsWith("you asked for");
  }

  private static String notice(Reply reply) {
    String text = reply.plainText();
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.contains("is not yours")) {
      return "Not yours: only the person who asked for it can answer it.";
    }
    if (lower.contains("no longer valid")) {
      return "No longer valid: already answered, cancelled or expired.";
    }
    int end = text.indexOf(". ");
    String first = end > 0 ? text.substring(0, end + 1) : text;
    return first.length() > MAX_NOTICE ? first.substring(0, MAX_NOTICE - 1) + "…" : first;
  }
}
