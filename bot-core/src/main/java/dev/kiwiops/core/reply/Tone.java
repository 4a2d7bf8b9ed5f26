package dev.kiwiops.core.reply;

/** The mood of a reply, for colours and icons on platforms that have them. */
public enum Tone {
  INFO,
  SUCCESS,
  WARNING,
  ERROR,
  PROGRESS
}
