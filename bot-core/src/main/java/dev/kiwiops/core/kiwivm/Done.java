package dev.kiwiops.core.kiwivm;

/** The answer of a write call that returns nothing but success. */
public record Done() {
  public static final Done INSTANCE = new Done();
}
