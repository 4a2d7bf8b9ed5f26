package dev.kiwiops.kiwivm;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One JSON object of a KiwiVM answer, read with the API's quirks in mind. Values are {@code
 * String}, {@link BigDecimal} (numbers keep their exact text), {@code Boolean}, {@code null},
 * {@code List<Object>} or {@code Map<String, Object>}.
 *
 * <p>Getters are tolerant where the API is inconsistent (numbers as strings, flags as {@code ""},
 * {@code 0}, {@code "1"} or {@code true}, PHP's {@code []} for an empty map, missing optional
 * fields) and strict where nothing sensible can be made of a value: then they throw {@link
 * WireShapeException}, which the client reports as a bad response.
 */
final class WireObject {
  /**
   * The widest number a getter reads exactly: at most this many digits, and a decimal exponent
   * within this many places. Far beyond any KiwiVM field, and cheap to compute with; a literal such
   * as {@code 1e999999999} would otherwise expand into gigabytes of digits when rounded or written
   * out, taking the whole process down with it.
   */
  static final int MAX_DIGITS = 1_000;

  private final Map<String, Object> fields;

  WireObject(Map<String, Object> fields) {
    this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  boolean has(String name) {
    return fields.get(name) != null;
  }

  Object raw(String name) {
    return fields.get(name);
  }

  /** A string field; numbers and booleans are rendered as text, missing or null gives "". */
  String string(String name) {
    Object value = fields.get(name);
    return value == null ? "" : scalarText(name, value);
  }

  /** A string field, or null when it is missing or null. */
  String optString(String name) {
    Object value = fields.get(name);
    return value == null ? null : scalarText(name, value);
  }

  /** An integer field sent as a number or a numeric string; {@code fallback} when missing/"". */
  long longValue(String name, long fallback) {
    Long value = optLong(name);
    return value == null ? fallback : value;
  }

  /** An integer field, or null when it is missing, null or "". */
  Long optLong(String name) {
    BigDecimal number = optNumber(name);
    if (number == null) {
      return null;
    }
    try {
      return number.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    } catch (ArithmeticException e) {
      throw new WireShapeException("field '" + name + "' is out of range");
    }
  }

  Integer optInt(String name) {
    Long value = optLong(name);
    if (value == null) {
      return null;
    }
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new WireShapeException("field '" + name + "' is out of range");
    }
    return value.intValue();
  }

  int intValue(String name, int fallback) {
    Integer value = optInt(name);
    return value == null ? fallback : value;
  }

  /** A possibly fractional number (multipliers, CPU usage); {@code fallback} when missing/"". */
  double doubleValue(String name, double fallback) {
    BigDecimal number = optNumber(name);
    return number == null ? fallback : number.doubleValue();
  }

  /** A flag sent as {@code true}/{@code false}, {@code 0}/{@code 1}, {@code "1"} or {@code ""}. */
  boolean flag(String name) {
    Boolean value = optFlag(name);
    return value != null && value;
  }

  /** A flag, or null when the field is missing or null. */
  Boolean optFlag(String name) {
    Object value = fields.get(name);
    if (value == null) {
      return null;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof BigDecimal number) {
      return number.signum() != 0;
    }
    if (value instanceof String s) {
      return switch (s.trim().toLowerCase(Locale.ROOT)) {
        case "", "0", "false", "no", "off" -> false;
        default -> true;
      };
    }
    throw new WireShapeException("field '" + name + "' is not a flag");
  }

  /**
   * A nested object; PHP's empty array {@code []} and a missing field give an empty object. A
   * non-empty list is read as an object keyed by index, as PHP would have it.
   */
  WireObject object(String name) {
    Object value = fields.get(name);
    if (value == null) {
      return new WireObject(Map.of());
    }
    if (value instanceof Map<?, ?> map) {
      return fromMap(map);
    }
    if (value instanceof List<?> list) {
      Map<String, Object> byIndex = new LinkedHashMap<>();
      for (int i = 0; i < list.size(); i++) {
        byIndex.put(Integer.toString(i), list.get(i));
      }
      return new WireObject(byIndex);
    }
    throw new WireShapeException("field '" + name + "' is not an object");
  }

  /** The names of this object's fields, in answer order. */
  List<String> names() {
    return List.copyOf(fields.keySet());
  }

  /** A map of strings; PHP's {@code []} is an empty map, null values become "". */
  Map<String, String> stringMap(String name) {
    WireObject object = object(name);
    Map<String, String> result = new LinkedHashMap<>();
    for (String key : object.names()) {
      result.put(key, object.string(key));
    }
    return result;
  }

  /** A list of objects; missing, null or an object keyed by index (PHP) are accepted. */
  List<WireObject> objectList(String name) {
    List<WireObject> result = new ArrayList<>();
    for (Object element : elements(name)) {
      if (!(element instanceof Map<?, ?> map)) {
        throw new WireShapeException("field '" + name + "' holds a non-object");
      }
      result.add(fromMap(map));
    }
    return result;
  }

  /**
   * A list of strings: a JSON array, or one string holding a value per line (as SSH key fields may
   * come); missing, null and "" give an empty list.
   */
  List<String> stringList(String name) {
    Object value = fields.get(name);
    if (value instanceof String s) {
      return s.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
    }
    List<String> result = new ArrayList<>();
    for (Object element : elements(name)) {
      if (element != null) {
        result.add(scalarText(name, element));
      }
    }
    return result;
  }

  /** Bytes of a base64 field, or null when missing, empty or not base64. */
  byte[] optBase64(String name) {
    String text = optString(name);
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Base64.getMimeDecoder().decode(text.trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private List<?> elements(String name) {
    Object value = fields.get(name);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return list;
    }
    if (value instanceof Map<?, ?> map) {
      return new ArrayList<>(map.values());
    }
    throw new WireShapeException("field '" + name + "' is not a list");
  }

  private BigDecimal optNumber(String name) {
    Object value = fields.get(name);
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal number) {
      return tame(name, number);
    }
    if (value instanceof Boolean b) {
      return b ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    if (value instanceof String s) {
      String trimmed = s.trim();
      if (trimmed.isEmpty()) {
        return null;
      }
      BigDecimal number;
      try {
        number = new BigDecimal(trimmed);
      } catch (NumberFormatException e) {
        throw new WireShapeException("field '" + name + "' is not a number");
      }
      return tame(name, number);
    }
    throw new WireShapeException("field '" + name + "' is not a number");
  }

  /** The number if it is within {@link #MAX_DIGITS}; zero whatever its exponent. */
  private static BigDecimal tame(String name, BigDecimal number) {
    if (number.signum() == 0) {
      return BigDecimal.ZERO;
    }
    if (!isTame(number)) {
      throw new WireShapeException("field '" + name + "' is out of range");
    }
    return number;
  }

  private static boolean isTame(BigDecimal number) {
    return number.precision() <= MAX_DIGITS && Math.abs((long) number.scale()) <= MAX_DIGITS;
  }

  private static String scalarText(String name, Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof BigDecimal number) {
      if (number.signum() == 0) {
        return "0";
      }
      // 1e999999999 as text: written out, it would be a billion zeros.
      return isTame(number) ? number.toPlainString() : number.toString();
    }
    if (value instanceof Boolean b) {
      return b.toString();
    }
    throw new WireShapeException("field '" + name + "' is not a scalar");
  }

  @SuppressWarnings("unchecked")
  private static WireObject fromMap(Map<?, ?> map) {
    return new WireObject((Map<String, Object>) map);
  }

  /** Field names only: values may hold secrets (passwords, tokens). */
  @Override
  public String toString() {
    return "WireObject" + fields.keySet();
  }
}
