package dev.kiwiops.kiwivm;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a KiwiVM answer into a {@link WireObject}. Numbers are kept as {@link BigDecimal} from
 * their literal text (Moshi's {@code nextString()} on a number), so 64-bit byte counters never pass
 * through a {@code double}. A top-level value that is not an object is a {@link JsonDataException}.
 */
final class WireObjectAdapter extends JsonAdapter<WireObject> {

  @Override
  public WireObject fromJson(JsonReader reader) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      throw new JsonDataException("expected a JSON object but was " + reader.peek());
    }
    return new WireObject(readObject(reader));
  }

  @Override
  public void toJson(JsonWriter writer, WireObject value) {
    throw new UnsupportedOperationException("KiwiVM answers are only read");
  }

  private static Map<String, Object> readObject(JsonReader reader) throws IOException {
    Map<String, Object> fields = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      fields.put(name, readValue(reader));
    }
    reader.endObject();
    return fields;
  }

  private static Object readValue(JsonReader reader) throws IOException {
    return switch (reader.peek()) {
      case BEGIN_OBJECT -> readObject(reader);
      case BEGIN_ARRAY -> readArray(reader);
      case STRING -> reader.nextString();
      case NUMBER -> number(reader);
      case BOOLEAN -> reader.nextBoolean();
      case NULL -> reader.nextNull();
      default ->
          throw new JsonDataException("unexpected " + reader.peek() + " at " + reader.getPath());
    };
  }

  /** A number literal; one whose exponent a {@code BigDecimal} cannot hold is a data error. */
  private static BigDecimal number(JsonReader reader) throws IOException {
    String path = reader.getPath();
    try {
      return new BigDecimal(reader.nextString());
    } catch (NumberFormatException e) {
      throw new JsonDataException("number out of range at " + path);
    }
  }

  private static List<Object> readArray(JsonReader reader) throws IOException {
    List<Object> values = new ArrayList<>();
    reader.beginArray();
    while (reader.hasNext()) {
      values.add(readValue(reader));
    }
    reader.endArray();
    return values;
  }
}
