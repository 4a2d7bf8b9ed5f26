package dev.kiwiops.telegram;

import dev.kiwiops.core.reply.Attachment;
import dev.kiwiops.core.reply.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;

/**
 * Sends rendered replies within Telegram's limits. A patient send (a command's answer) waits for
 * its chat's next slot and, on a 429, for {@code retry_after}, a few times. An impatient send (an
 * alert from the outbox) waits at most about a second and otherwise fails at once, without a
 * request, so that the outbox retries it later and a 429 is never answered with more requests.
 */
final class Sender {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Sender.class);
  static final int ATTEMPTS = 3;
  static final Duration LONGEST_WAIT = Duration.ofSeconds(60);
  static final Duration IMPATIENT_WAIT = Duration.ofMillis(1100);

  /** Telegram's limit for a photo's or document's caption. */
  static final int CAPTION_LIMIT = 1024;

  /** One Bot API request. */
  interface Call<T> {
    T run() throws BotApiException;
  }

  private final BotApi api;
  private final Pacer pacer;
  private final Sleeper sleeper;

  Sender(BotApi api, Pacer pacer, Sleeper sleeper) {
    this.api = api;
    this.pacer = pacer;
    this.sleeper = sleeper;
  }

  BotApi api() {
    return api;
  }

  Pacer pacer() {
    return pacer;
  }

  /**
   * Sends a reply: its text messages (the last one carries the buttons), then photos, then
   * documents. Returns the ids of the text messages, first to last (empty when it had none).
   */
  List<Integer> send(String chatId, Reply reply, boolean patient) throws BotApiException {
    TelegramHtml.Rendered rendered = TelegramHtml.render(reply);
    InlineKeyboardMarkup keyboard = ButtonActions.keyboard(rendered.buttons());
    List<String> messages = rendered.messages();
    List<Integer> ids = new ArrayList<>();
    List<Attachment> files = new ArrayList<>(rendered.photos());
    files.addAll(rendered.documents());
    // A short message with one file goes as one message: the file, captioned, with the buttons.
    if (messages.size() == 1 && files.size() == 1 && messages.get(0).length() <= CAPTION_LIMIT) {
      Attachment file = files.get(0);
      boolean photo = rendered.photos().contains(file);
      ids.add(sendFile(chatId, file, photo, messages.get(0), keyboard, patient));
      return ids;
    }
    List<Call<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      String html = messages.get(i);
      InlineKeyboardMarkup markup = i == messages.size() - 1 ? keyboard : null;
      calls.add(() -> paced(chatId, patient, () -> api.sendMessage(chatId, html, markup)));
    }
    int texts = calls.size();
    for (Attachment photo : rendered.photos()) {
      calls.add(() -> sendFile(chatId, photo, true, "", null, patient));
    }
    for (Attachment document : rendered.documents()) {
      calls.add(() -> sendFile(chatId, document, false, "", null, patient));
    }
    for (int i = 0; i < calls.size(); i++) {
      int id;
      try {
        id = calls.get(i).run();
      } catch (BotApiException e) {
        // An impatient send fails whole only before its first message went out: a retry of the
        // whole reply would repeat what was already delivered.
        if (patient || i == 0) {
          throw e;
        }
        LOG.warn(
            "Telegram: part {} of {} of a message to {} was lost: {}",
            i + 1,
            calls.size(),
            chatId,
            e.getMessage());
        continue;
      }
      if (i < texts) {
        ids.add(id);
      }
    }
    return ids;
  }

  private int sendFile(
      String chatId,
      Attachment file,
      boolean photo,
      String caption,
      InlineKeyboardMarkup keyboard,
      boolean patient)
      throws BotApiException {
    return paced(
        chatId,
        patient,
        () ->
            photo
                ? api.sendPhoto(chatId, file, caption, keyboard)
                : api.sendDocument(chatId, file, caption, keyboard));
  }

  /** Runs one request to {@code chatId} in its slot, honouring 429s as described above. */
  <T> T paced(String chatId, boolean patient, Call<T> call) throws BotApiException {
    for (int attempt = 1; ; attempt++) {
      Duration wait = pacer.delay(chatId);
      if (!patient && wait.compareTo(IMPATIENT_WAIT) > 0) {
        throw new BotApiException(
            "send",
            429,
            "paced: the next message to this chat may go in " + seconds(wait) + " s",
            wait);
      }
      if (wait.compareTo(LONGEST_WAIT) > 0) {
        throw new BotApiException(
            "send", 429, "Telegram asks to wait " + seconds(wait) + " s before sending", wait);
      }
      wait = pacer.reserve(chatId);
      pause(wait);
      try {
        return call.run();
      } catch (BotApiException e) {
        if (!e.isTooManyRequests()) {
          throw e;
        }
        pacer.blocked(chatId, e.retryAfter().orElse(Pacer.PER_CHAT));
        if (!patient || attempt >= ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private void pause(Duration wait) throws BotApiException {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BotApiException("send", 0, "interrupted while waiting to send", null);
    }
  }

  private static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }
}
