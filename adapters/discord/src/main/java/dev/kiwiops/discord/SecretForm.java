package dev.kiwiops.discord;

import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.modals.Modal;

/**
 * The form (a Discord modal) that answers the core's question for a secret: one short text field,
 * seen only by the person who opened it; its value goes to {@code Dispatcher.answerSecret} and
 * nowhere else.
 */
final class SecretForm {
  /** The id of the form's one field. */
  static final String FIELD = "value";

  private SecretForm() {}

  /** The form for the button {@code customId} (its id carries the question's code). */
  static Modal of(String customId) {
    TextInput input =
        TextInput.create(FIELD, TextInputStyle.SHORT).setRequired(true).setMaxLength(512).build();
    return Modal.create(customId, "kiwiops: private answer")
        .addComponents(Label.of("Secret (only the bot sees it)", input))
        .build();
  }
}
