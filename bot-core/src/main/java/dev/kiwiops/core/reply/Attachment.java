package dev.kiwiops.core.reply;

import java.util.Objects;

/** A file sent with a reply: a PNG chart, an attack log, long shell output. */
public record Attachment(String fileName, String mediaType, byte[] data) {
  public Attachment {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(mediaType, "mediaType");
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  public int size() {
    return data.length;
  }

  public static Attachment text(String fileName, String content) {
    return new Attachment(
        fileName, "text/plain", content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public static Attachment png(String fileName, byte[] png) {
    return new Attachment(fileName, "image/png", png);
  }

  @Override
  public String toString() {
    return "Attachment[" + fileName + ", " + mediaType + ", " + data.length + " bytes]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attachment a
        && a.fileName.equals(fileName)
        && a.mediaType.equals(mediaType)
        && java.util.Arrays.equals(a.data, data);
  }

  @Override
  public int hashCode() {
    return fileName.hashCode() * 31 + java.util.Arrays.hashCode(data);
  }
}
