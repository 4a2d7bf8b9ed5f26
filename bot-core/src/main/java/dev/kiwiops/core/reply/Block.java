package dev.kiwiops.core.reply;

import java.util.List;
import java.util.Objects;

/** One piece of a reply's body, rendered in order. */
public sealed interface Block {

  /** Plain prose. */
  record Text(String text) implements Block {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /** Key/value pairs ("Plan: …", "IPv4: …"). */
  record Fields(List<Field> fields) implements Block {
    public Fields {
      fields = List.copyOf(fields);
    }
  }

  /** A table with a header row. Rows shorter than the header are padded when rendered. */
  record Table(List<String> headers, List<List<String>> rows) implements Block {
    public Table {
      headers = List.copyOf(headers);
      rows = rows.stream().map(List::copyOf).toList();
    }

    /**
     * The header and the rows as lines of monospaced text: one column per header, each as wide as
     * its widest cell, two spaces between columns, missing cells empty, trailing spaces stripped.
     */
    public List<String> alignedLines() {
      int columns = headers.size();
      int[] widths = new int[columns];
      for (int i = 0; i < columns; i++) {
        widths[i] = headers.get(i).length();
      }
      for (List<String> row : rows) {
        for (int i = 0; i < Math.min(columns, row.size()); i++) {
          widths[i] = Math.max(widths[i], row.get(i).length());
        }
      }
      List<String> lines = new java.util.ArrayList<>(rows.size() + 1);
      lines.add(aligned(headers, widths));
      for (List<String> row : rows) {
        lines.add(aligned(row, widths));
      }
      return lines;
    }

    private static String aligned(List<String> cells, int[] widths) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        String cell = i < cells.size() ? cells.get(i) : "";
        line.append(cell);
        if (i < widths.length - 1) {
          line.append(" ".repeat(Math.max(0, widths[i] - cell.length()) + 2));
        }
      }
      return line.toString().stripTrailing();
    }
  }

  /** Preformatted text: shell output, logs. */
  record Code(String text) implements Block {
    public Code {
      Objects.requireNonNull(text, "text");
    }
  }

  /** One key/value pair. */
  record Field(String name, String value) {
    public Field {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }
}
