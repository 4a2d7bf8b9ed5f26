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
