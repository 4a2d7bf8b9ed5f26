package dev.kiwiops.core.kiwivm;

import java.util.List;

/** {@code getAvailableOS}: the installed OS and the templates a reinstall may use. */
public record AvailableOs(String installed, List<String> templates) {
  public AvailableOs {
    templates = List.copyOf(templates);
  }
}
