package dev.kiwiops.core.testkit;

/** Reads a confirmation prompt the way a user does: the code shown in {@code `confirm CODE`}. */
public final class ConfirmPrompt {
  private static final String MARK = "`confirm ";

  private ConfirmPrompt() {}

  /** The code in {@code prompt}; fails the test when the text asks for no confirmation. */
  public static String codeIn(String prompt) {
    int at = prompt.indexOf(MARK);
    if (at < 0) {
      throw new AssertionError("no confirmation prompt: " + prompt);
    }
    at += MARK.length();
    return prompt.substring(at, prompt.indexOf('`', at));
  }
}
