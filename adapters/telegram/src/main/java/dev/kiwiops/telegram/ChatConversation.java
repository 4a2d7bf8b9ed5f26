package dev.kiwiops.telegram;

import dev.kiwiops.core.reply.Conversation;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.Tone;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One command's side of a Telegram chat. Private replies go to the caller's direct chat with the
 * bot, with a short note in a group; when Telegram refuses that (the user never pressed Start) the
 * group learns how to fix it, and nothing private is shown there. Edits (progress) are throttled to
 * one per {@link #EDIT_INTERVAL} per message, the latest content winning.
 *
 * <p>Threading: called from the adapter's workers and from the core's progress scheduler.
 */
final class ChatConversation implements Conversation {
  private static final Logger LOG = LoggerFactory.getLogger(ChatConversation.class);
  static final Duration EDIT_INTERVAL = Duration.ofSeconds(3);

  /** What every conversation of one platform shares. */
  record Context(
      Sender sender, ScheduledExecutorService timers, Clock clock, Supplier<String> botUsername) {}

  /** A sent message; holds its own edit throttle. */
  static final class Handle implements Conversation.MessageHandle {
    final String chatId;
    final int messageId;
    private Instant lastEdit;
    private Reply pending;
    private boolean scheduled;

    Handle(String chatId, int messageId, Instant sentAt) {
      this.chatId = chatId;
      this.messageId = messageId;
      this.lastEdit = sentAt;
    }

    boolean shown() {
      return messageId > 0;
    }
  }

  private final Context context;
  private final String chatId;
  private final boolean direct;
  private final long userId;
  private volatile boolean directBlocked;

  ChatConversation(Context context, String chatId, boolean direct, long userId) {
    this.context = context;
    this.chatId = chatId;
    this.direct = direct;
    this.userId = userId;
  }

  String chatId() {
    return chatId;
  }

  @Override
  public MessageHandle send(Reply reply) {
    if (reply.isPrivate() && !direct) {
      String privateChat = String.valueOf(userId);
      try {
        List<Integer> ids = context.sender().send(privateChat, reply, true);
        deliver(chatId, Reply.text("📬 I sent you the answer in our direct chat."));
        return handle(privateChat, ids);
      } catch (BotApiException e) {
        if (e.isForbidden()) {
          directBlocked = true;
          deliver(chatId, Reply.error(howToFix()));
        } else {
          LOG.warn("Telegram: a private reply could not be sent: {}", e.getMessage());
          deliver(chatId, Reply.error("The private answer could not be sent to you; try again."));
        }
        return new Handle(privateChat, -1, context.clock().instant());
      }
    }
    Reply shown = reply;
    if (directBlocked && reply.tone() == Tone.ERROR) {
      shown = reply.toBuilder().text(howToFix()).build();
    }
    return deliver(chatId, shown);
  }

  private Handle deliver(String chat, Reply reply) {
    try {
      return handle(chat, context.sender().send(chat, reply, true));
    } catch (BotApiException e) {
      LOG.warn("Telegram: a reply to {} was not delivered: {}", chat, e.getMessage());
      return new Handle(chat, -1, context.clock().instant());
    }
  }

  private Handle handle(String chat, List<Integer> ids) {
    return new Handle(chat, ids.isEmpty() ? -1 : ids.get(0), context.clock().instant());
  }

  @Override
  public void edit(MessageHandle message, Reply reply) {
    if (!(message instanceof Handle handle) || !handle.shown()) {
      send(reply);
      return;
    }
    Instant now = context.clock().instant();
    synchronized (handle) {
      Duration since = Duration.between(handle.lastEdit, now);
      if (!handle.scheduled && since.compareTo(EDIT_INTERVAL) >= 0) {
        handle.lastEdit = now;
        applyEdit(handle, reply);
        return;
      }
      handle.pending = reply;
      if (handle.scheduled) {
        return;
      }
      handle.scheduled = true;
      Duration wait = EDIT_INTERVAL.minus(since);
      try {
        context
            .timers()
            .schedule(() -> flush(handle), Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        handle.scheduled = false;
        LOG.info("Telegram: an update of message {} was dropped: shutting down", handle.messageId);
      }
    }
  }

  private void flush(Handle handle) {
    Reply latest;
    synchronized (handle) {
      latest = handle.pending;
      handle.pending = null;
      handle.scheduled = false;
      handle.lastEdit = context.clock().instant();
    }
    if (latest != null) {
      applyEdit(handle, latest);
    }
  }

  private void applyEdit(Handle handle, Reply reply) {
    try {
      context
          .sender()
          .api()
          .editText(
              handle.chatId,
              handle.messageId,
              TelegramHtml.single(reply),
              ButtonActions.keyboard(reply.buttons()));
    } catch (BotApiException e) {
      if (e.isNotModified()) {
        return;
      }
      if (e.code() == 400 && e.description().contains("no text in the message")) {
        editCaption(handle, reply);
        return;
      }
      if (e.isTooManyRequests()) {
        context.sender().pacer().blocked(handle.chatId, e.retryAfter().orElse(EDIT_INTERVAL));
      }
      LOG.warn("Telegram: message {} could not be updated: {}", handle.messageId, e.getMessage());
    }
  }

  /** A file's message (an alert with its evidence) has a caption, not a text. */
  private void editCaption(Handle handle, Reply reply) {
    String html = TelegramHtml.single(reply);
    if (html.length() > Sender.CAPTION_LIMIT) {
      html = TelegramHtml.escape(reply.title().isEmpty() ? "(updated)" : reply.title());
    }
    try {
      context
          .sender()
          .api()
          .editCaption(
              handle.chatId, handle.messageId, html, ButtonActions.keyboard(reply.buttons()));
    } catch (BotApiException e) {
      if (!e.isNotModified()) {
        LOG.warn("Telegram: message {} could not be updated: {}", handle.messageId, e.getMessage());
      }
    }
  }

  /**
   * In a direct chat, yes. In a group, asks Telegram whether the bot may write to the caller
   * privately (a "typing…" there), before the core sends anything to KiwiVM.
   */
  @Override
  public boolean canReplyPrivately() {
    if (direct) {
      return true;
    }
    try {
      context.sender().api().typing(String.valueOf(userId));
      directBlocked = false;
      return true;
    } catch (BotApiException e) {
      if (e.isForbidden()) {
        directBlocked = true;
      } else {
        LOG.warn("Telegram: could not check the direct chat with a user: {}", e.getMessage());
      }
      return false;
    }
  }

  private String howToFix() {
    String bot = context.botUsername().get();
    return "I cannot write to you privately yet: open a chat with @"
        + bot
        + " (t.me/"
        + bot
        + "), press Start, then run the command here again.";
  }
}
