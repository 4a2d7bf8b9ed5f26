package dev.kiwiops.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The text of a configuration file, bounded before YAML sees it: a regular file of at most {@link
 * #MAX_BYTES}, UTF-8, no line longer than {@link #MAX_LINE} characters. Each refusal is one {@code
 * FILE:LINE} problem.
 */
final class ConfigText {
  /** Far above a fleet of hundreds of servers (about 100 bytes each). */
  static final int MAX_BYTES = 1024 * 1024;

  /** Far above any key, URL or token a configuration holds. */
  static final int MAX_LINE = 16 * 1024;

  /** A secret file holds one key or token: a few hundred bytes. */
  static final int MAX_SECRET_BYTES = 64 * 1024;

  private ConfigText() {}

  /**
   * The content of a {@code ${file:PATH}} secret, stripped: only a regular file (a pipe would
   * block, a device never ends), at most {@link #MAX_SECRET_BYTES}, UTF-8.
   *
   * @throws IOException whose message says, in a few words, why the file cannot be used
   */
  static String secretFile(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new IOException("does not exist");
    }
    if (Files.isDirectory(path)) {
      throw new IOException("is a folder, not a file");
    }
    if (!Files.isRegularFile(path)) {
      throw new IOException("is not a regular file (a device, pipe or socket)");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      bytes = in.readNBytes(MAX_SECRET_BYTES + 1);
    } catch (IOException e) {
      throw new IOException("cannot be read (" + reason(e) + ")");
    }
    if (bytes.length > MAX_SECRET_BYTES) {
      throw new IOException("is larger than " + MAX_SECRET_BYTES / 1024 + " KiB");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString()
          .strip();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IOException("is not UTF-8");
    }
  }

  /** Reads {@code path}: only a regular file (not a pipe, device or folder), bounded, UTF-8. */
  static String read(Path path, String file) throws ConfigException {
    if (!Files.exists(path)) {
      throw problem(file, 0, "cannot read the file: it does not exist");
    }
    if (!Files.isRegularFile(path)) {
      throw problem(file, 0, "cannot read the file: it is not a regular file");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw problem(file, 0, "cannot read the file: " + reason(e));
    }
    if (bytes.length > MAX_BYTES) {
      throw problem(file, 0, "the file is larger than " + MAX_BYTES / 1024 + " KiB");
    }
    return utf8(bytes, file);
  }

  /** Reads at most {@link #MAX_BYTES} characters from {@code reader}. */
  static String read(Reader reader, String file) throws ConfigException {
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[8192];
    try {
      int n;
      while ((n = reader.read(buffer)) >= 0) {
        text.append(buffer, 0, n);
        if (text.length() > MAX_BYTES) {
          throw problem(file, 0, "the file is larger than " + MAX_BYTES / 1024 + " KiB");
        }
      }
    } catch (IOException e) {
      throw problem(file, 0, "cannot read the file: " + reason(e));
    }
    return text.toString();
  }

  /** Refuses a line longer than {@link #MAX_LINE} characters, naming the first one. */
  static void checkLines(String text, String file) throws ConfigException {
    int line = 1;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        if (i - start > MAX_LINE) {
          throw problem(
              file,
              line,
              "this line is longer than " + MAX_LINE + " characters; a configuration needs none");
        }
        line++;
        start = i + 1;
      }
    }
  }

  private static String utf8(byte[] bytes, String file) throws ConfigException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int at = in.position();
      int line = 1;
      for (int i = 0; i < at; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw problem(
          file,
          line,
          String.format(
              "the file is not UTF-8 (byte 0x%02X is not valid here); save it as UTF-8",
              bytes[at] & 0xff));
    }
    out.flip();
    return out.toString();
  }

  private static String reason(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static ConfigException problem(String file, int line, String message) {
    return new ConfigException(List.of(new ConfigProblem(file, line, message)));
  }
}
