package dev.kiwiops.core.reply;

import java.util.Objects;

/**
 * A question for a secret that only the asked user should answer, such as a remote root password.
 * An adapter turns it into private input (a Discord modal with one masked field, a Telegram
 * question in the direct chat) and hands the answer to {@code Dispatcher.answerSecret} with {@code
 * code}; the reply's text says how to answer by typing ({@code secret CODE <value>}) where no such
 * input exists.
 *
 * @param code the question's one-time code, short and printable (fits any custom id)
 * @param prompt what is asked, one sentence ("Root password of 198.51.100.20")
 * @param fieldLabel the label of the input field ("Root password")
 */
public record SecretRequest(String code, String prompt, String fieldLabel) {
  public SecretRequest {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(fieldLabel, "fieldLabel");
  }
}
