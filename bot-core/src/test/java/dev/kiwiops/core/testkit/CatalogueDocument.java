package dev.kiwiops.core.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command table of the project's {@code docs/COMMANDS.md}, read as the independent record that
 * the catalogue in the code and the built-in roles are checked against.
 */
public final class CatalogueDocument {
  /** From a module folder of this repository (the working directory of its tests). */
  static final Path FILE = Path.of("../docs/COMMANDS.md");

  private CatalogueDocument() {}

  /**
   * One row of the table.
   *
   * @param syntax the command as written, without backquotes: {@code power kill <server>}
   * @param permission the permission, or empty for commands anyone may run
   * @param role {@code anyone}, {@code viewer}, {@code operator} or {@code admin}
   */
  public record Row(
      String syntax, String permission, String role, boolean confirm, boolean secretReply) {

    /** The command words: the syntax up to its first argument. */
    public String name() {
      List<String> words = new ArrayList<>();
      for (String word : syntax.split(" ")) {
        if (word.startsWith("<") || word.startsWith("[") || word.contains("|")) {
          break;
        }
        words.add(word);
      }
      return String.join(" ", words);
    }
  }

  /** Every row of the command table, in document order. */
  public static List<Row> rows() {
    List<String> lines;
    try {
      lines = Files.readAllLines(FILE, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("docs/COMMANDS.md of this repository", e);
    }
    List<Row> rows = new ArrayList<>();
    for (String line : lines) {
      if (!line.startsWith("| `")) {
        continue;
      }
      // An escaped pipe (on\|off) is part of a cell.
      String[] cells = line.replace("\\|", "\u0000").split("\\|", -1);
      if (cells.length < 8) {
        throw new IllegalStateException("a command row needs 7 columns: " + line);
      }
      String syntax = unquote(cells[1]).replace('\u0000', '|');
      String permission = unquote(cells[3]);
      rows.add(
          new Row(
              syntax,
              permission.equals("—") ? "" : permission,
              cells[4].strip(),
              cells[5].strip().startsWith("yes"),
              cells[6].strip().equals("yes")));
    }
    return rows;
  }

  /** The permissions of the rows whose smallest role is {@code role}. */
  public static List<String> permissionsOf(String role) {
    return rows().stream()
        .filter(r -> r.role().equals(role))
        .map(Row::permission)
        .distinct()
        .toList();
  }

  private static String unquote(String cell) {
    String s = cell.strip();
    return s.startsWith("`") && s.endsWith("`") ? s.substring(1, s.length() - 1) : s;
  }
}
