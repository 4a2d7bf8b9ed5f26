package dev.kiwiops.telegram;

import dev.kiwiops.core.reply.Attachment;
import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageCaption;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageReplyMarkup;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScope;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The Bot API methods the adapter uses, over the library's client, with every failure turned into a
 * {@link BotApiException} that carries Telegram's code and {@code retry_after} and no token. One
 * call, one request: retrying and pacing are decided by the callers.
 */
final class BotApi {
  static final String HTML = "HTML";

  private final TelegramClient client;
  private final Redactor redactor;

  BotApi(TelegramClient client, Redactor redactor) {
    this.client = client;
    this.redactor = redactor;
  }

  /** The bot's own user id and username. */
  record Me(long id, String username) {}

  Me getMe() throws BotApiException {
    User me = call("getMe", new GetMe());
    return new Me(me.getId(), me.getUserName() == null ? "" : me.getUserName());
  }

  int sendMessage(String chatId, String html, InlineKeyboardMarkup keyboard)
      throws BotApiException {
    SendMessage.SendMessageBuilder<?, ?> send =
        SendMessage.builder().chatId(chatId).text(html).parseMode(HTML);
    if (keyboard != null) {
      send.replyMarkup(keyboard);
    }
    Message sent = call("sendMessage", send.build());
    return sent.getMessageId();
  }

  /** Replaces a message's text; its keyboard goes unless {@code keyboard} is given. */
  void editText(String chatId, int messageId, String html, InlineKeyboardMarkup keyboard)
      throws BotApiException {
    EditMessageText.EditMessageTextBuilder<?, ?> edit =
        EditMessageText.builder().chatId(chatId).messageId(messageId).text(html).parseMode(HTML);
    if (keyboard != null) {
      edit.replyMarkup(keyboard);
    }
    call("editMessageText", edit.build());
  }

  /** Replaces the caption of a photo or document; its keyboard goes unless given. */
  void editCaption(String chatId, int messageId, String html, InlineKeyboardMarkup keyboard)
      throws BotApiException {
    EditMessageCaption.EditMessageCaptionBuilder edit =
        EditMessageCaption.builder()
            .chatId(chatId)
            .messageId(messageId)
            .caption(html)
            .parseMode(HTML);
    if (keyboard != null) {
      edit.replyMarkup(keyboard);
    }
    call("editMessageCaption", edit.build());
  }

  void removeKeyboard(String chatId, int messageId) throws BotApiException {
    call(
        "editMessageReplyMarkup",
        EditMessageReplyMarkup.builder().chatId(chatId).messageId(messageId).build());
  }

  void answerCallback(String callbackId, String text, boolean alert) throws BotApiException {
    AnswerCallbackQuery.AnswerCallbackQueryBuilder<?, ?> answer =
        AnswerCallbackQuery.builder().callbackQueryId(callbackId);
    if (!text.isEmpty()) {
      answer.text(text).showAlert(alert);
    }
    call("answerCallbackQuery", answer.build());
  }

  int sendDocument(
      String chatId, Attachment file, String captionHtml, InlineKeyboardMarkup keyboard)
      throws BotApiException {
    SendDocument.SendDocumentBuilder<?, ?> send =
        SendDocument.builder().chatId(chatId).document(input(file));
    if (!captionHtml.isEmpty()) {
      send.caption(captionHtml).parseMode(HTML);
    }
    if (keyboard != null) {
      send.replyMarkup(keyboard);
    }
    SendDocument method = send.build();
    try {
      return client.execute(method).getMessageId();
    } catch (TelegramApiException e) {
      throw failure("sendDocument", e);
    }
  }

  int sendPhoto(String chatId, Attachment image, String captionHtml, InlineKeyboardMarkup keyboard)
      throws BotApiException {
    SendPhoto.SendPhotoBuilder<?, ?> send = SendPhoto.builder().chatId(chatId).photo(input(image));
    if (!captionHtml.isEmpty()) {
      send.caption(captionHtml).parseMode(HTML);
    }
    if (keyboard != null) {
      send.replyMarkup(keyboard);
    }
    SendPhoto method = send.build();
    try {
      return client.execute(method).getMessageId();
    } catch (TelegramApiException e) {
      throw failure("sendPhoto", e);
    }
  }

  /** "typing…" in a chat: also the cheapest way to learn whether the bot may write there. */
  void typing(String chatId) throws BotApiException {
    call("sendChatAction", SendChatAction.builder().chatId(chatId).action("typing").build());
  }

  void delete(String chatId, int messageId) throws BotApiException {
    call("deleteMessage", DeleteMessage.builder().chatId(chatId).messageId(messageId).build());
  }

  void setCommands(List<BotCommand> commands, BotCommandScope scope) throws BotApiException {
    call("setMyCommands", SetMyCommands.builder().commands(commands).scope(scope).build());
  }

  /** Confirms every update below {@code offset} without waiting for news. */
  void confirmUpdates(int offset) throws BotApiException {
    call("getUpdates", GetUpdates.builder().offset(offset).limit(1).timeout(0).build());
  }

  private static InputFile input(Attachment file) {
    return new InputFile(new ByteArrayInputStream(file.data()), file.fileName());
  }

  private <T extends Serializable> T call(String name, BotApiMethod<T> method)
      throws BotApiException {
    try {
      return client.execute(method);
    } catch (TelegramApiException e) {
      throw failure(name, e);
    }
  }

  private BotApiException failure(String name, TelegramApiException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TelegramApiRequestException request && request.getErrorCode() != null) {
        Integer retry =
            request.getParameters() == null ? null : request.getParameters().getRetryAfter();
        String description =
            request.getApiResponse() == null ? "" : redactor.clean(request.getApiResponse());
        return new BotApiException(
            name,
            request.getErrorCode(),
            description,
            retry == null ? null : Duration.ofSeconds(retry));
      }
      if (t instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return new BotApiException(name, 0, redactor.describe(root), null);
  }
}
