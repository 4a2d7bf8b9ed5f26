package dev.kiwiops.config;

/** One problem in a configuration file, printed as {@code FILE:LINE: message}. */
public record ConfigProblem(String file, int line, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ": " + message;
  }
}
