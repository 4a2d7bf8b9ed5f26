package dev.kiwiops.core.reply;

/** Who may see a reply: the chat, or only the caller (ephemeral, direct message, console). */
public enum Visibility {
  PUBLIC,
  PRIVATE
}
