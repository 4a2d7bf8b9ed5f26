package dev.kiwiops.config;

import dev.kiwiops.core.Secret;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import dev.kiwiops.kiwivm.KiwiVmClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code kiwiops import-csv}: a fleet spreadsheet (CSV with a header row holding at least {@code
 * name}, {@code veid}, {@code api_key}, and optionally {@code tags}) to a {@code servers:} block.
 * Each API key goes to its own file (0600) in the keys folder (0700) and the block refers to it as
 * {@code ${file:…}}; no key is ever written into the YAML. Everything is validated first: a file
 * with any problem writes nothing.
 */
final class CsvImport {
  static final long MAX_BYTES = 1024 * 1024;
  static final int MAX_ROWS = 5000;
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,31}");
  private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,31}");
  private static final Pattern VEID = Pattern.compile("[0-9]{1,18}");
  private static final Pattern KEY = Pattern.compile("private_[A-Za-z0-9]{24}");
  private static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIR_MODE =
      PosixFilePermissions.fromString("rwx------");

  /** One valid row. */
  record Row(int line, String name, long veid, Secret key, List<String> tags) {}

  /** What a successful import wrote (or would write). */
  record Result(String yaml, List<Path> keyFiles) {}

  private final String file;
  private final List<ConfigProblem> problems = new ArrayList<>();

  private CsvImport(String file) {
    this.file = file;
  }

  /** Reads and validates {@code csv}; throws with every problem as {@code FILE:LINE: message}. */
  static List<Row> read(Path csv) throws ConfigException {
    CsvImport in = new CsvImport(csv.toString());
    String text = in.text(csv);
    List<Row> rows = text == null ? List.of() : in.rows(text);
    in.throwIfProblems();
    return rows;
  }

  private String text(Path csv) {
    try {
      if (!Files.isRegularFile(csv)) {
        problem(0, "not a readable file");
        return null;
      }
      if (Files.size(csv) > MAX_BYTES) {
        problem(0, "larger than " + MAX_BYTES / 1024 + " KiB; split the fleet into smaller files");
        return null;
      }
      byte[] bytes = Files.readAllBytes(csv);
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      problem(0, "not UTF-8 text; export the spreadsheet as CSV UTF-8");
      return null;
    } catch (IOException e) {
      problem(0, "cannot read the file: " + Main.oneSentence(e));
      return null;
    }
  }

  private List<Row> rows(String text) {
    List<List<String>> records = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    if (!parse(text, records, lines)) {
      return List.of();
    }
    if (records.isEmpty()) {
      problem(1, "the file is empty; the first row names the columns (name, veid, api_key, tags)");
      return List.of();
    }
    Map<String, Integer> columns = new HashMap<>();
    List<String> header = records.get(0);
    for (int i = 0; i < header.size(); i++) {
      String column =
          header.get(i).strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
      if (column.equals("apikey")) {
        column = "api_key";
      }
      if (!column.isEmpty() && columns.putIfAbsent(column, i) != null) {
        problem(lines.get(0), "the column '" + column + "' appears twice");
      }
    }
    for (String needed : List.of("name", "veid", "api_key")) {
      if (!columns.containsKey(needed)) {
        problem(lines.get(0), "the header row has no '" + needed + "' column");
      }
    }
    if (!problems.isEmpty()) {
      return List.of();
    }
    if (records.size() - 1 > MAX_ROWS) {
      problem(lines.get(0), "more than " + MAX_ROWS + " servers; split the file");
      return List.of();
    }
    List<Row> rows = new ArrayList<>();
    Map<String, Integer> names = new HashMap<>();
    Map<Long, Integer> veids = new HashMap<>();
    for (int r = 1; r < records.size(); r++) {
      List<String> record = records.get(r);
      int line = lines.get(r);
      if (record.stream().allMatch(String::isBlank)) {
        continue;
      }
      String name = cell(record, columns.get("name"));
      String veidText = cell(record, columns.get("veid"));
      String key = cell(record, columns.get("api_key"));
      String tagText = columns.containsKey("tags") ? cell(record, columns.get("tags")) : "";
      boolean ok = true;
      if (!NAME.matcher(name).matches()) {
        problem(
            line,
            (name.isEmpty() ? "the name is empty" : "'" + shown(name) + "' is not a server name")
                + ": lowercase letters, digits, '.', '_' or '-' (at most 32)");
        ok = false;
      } else if (names.containsKey(name)) {
        problem(line, "the name '" + name + "' is already used on line " + names.get(name));
        ok = false;
      } else {
        names.put(name, line);
      }
      long veid = 0;
      if (!VEID.matcher(veidText).matches() || Long.parseLong(veidText) == 0) {
        problem(
            line,
            (veidText.isEmpty() ? "the veid is empty" : "veid '" + shown(veidText) + "'")
                + " is not a VE id (digits only)");
        ok = false;
      } else {
        veid = Long.parseLong(veidText);
        if (veids.containsKey(veid)) {
          problem(line, "veid " + veid + " is already used on line " + veids.get(veid));
          ok = false;
        } else {
          veids.put(veid, line);
        }
      }
      if (!KEY.matcher(key).matches()) {
        // Never echo the key: a near-miss is still a secret.
        problem(
            line,
            key.isEmpty()
                ? "the api_key is empty"
                : "the api_key does not look like a KiwiVM key (private_ and 24 letters or"
                    + " digits)");
        ok = false;
      }
      List<String> tags = new ArrayList<>();
      for (String tag : tagText.split("[;\\s]+")) {
        if (tag.isEmpty()) {
          continue;
        }
        if (!TAG.matcher(tag).matches()) {
          problem(
              line,
              "'" + shown(tag) + "' is not a tag: lowercase letters, digits, '.', '_' or '-'");
          ok = false;
        } else if (!tags.contains(tag)) {
          tags.add(tag);
        }
      }
      if (ok) {
        rows.add(new Row(line, name, veid, Secret.of(key), List.copyOf(tags)));
      }
    }
    if (rows.isEmpty() && problems.isEmpty()) {
      problem(lines.get(0), "no server rows below the header");
    }
    return rows;
  }

  /** RFC 4180 records; {@code lines} gets the line each record starts on. */
  private boolean parse(String text, List<List<String>> records, List<Integer> lines) {
    List<String> record = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    int line = 1;
    int recordLine = 1;
    int quoteLine = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          cell.append(c);
        }
        continue;
      }
      switch (c) {
        case '"' -> {
          if (cell.length() > 0 || wasQuoted) {
            problem(line, "a quote inside an unquoted cell; quote the whole cell");
            return false;
          }
          quoted = true;
          wasQuoted = true;
          quoteLine = line;
        }
        case ',' -> {
          record.add(cell.toString());
          cell.setLength(0);
          wasQuoted = false;
        }
        case '\r' -> {}
        case '\n' -> {
          record.add(cell.toString());
          cell.setLength(0);
          wasQuoted = false;
          records.add(record);
          lines.add(recordLine);
          record = new ArrayList<>();
          line++;
          recordLine = line;
        }
        default -> cell.append(c);
      }
    }
    if (quoted) {
      problem(quoteLine, "a quoted cell is never closed");
      return false;
    }
    if (cell.length() > 0 || !record.isEmpty() || wasQuoted) {
      record.add(cell.toString());
      records.add(record);
      lines.add(recordLine);
    }
    return true;
  }

  private static String cell(List<String> record, int index) {
    return index < record.size() ? record.get(index).strip() : "";
  }

  private static String shown(String value) {
    String clean = value.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
  }

  private void problem(int line, String message) {
    problems.add(new ConfigProblem(file, line, message));
  }

  private void throwIfProblems() throws ConfigException {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  /**
   * Asks KiwiVM for each row's service info (a read) and returns a problem per row whose key is
   * rejected or whose answer did not come.
   */
  static List<ConfigProblem> check(String file, List<Row> rows, URI apiUrl) {
    List<ConfigProblem> found = new ArrayList<>();
    try (KiwiVmClient client =
        KiwiVmClient.builder(apiUrl).timeout(Duration.ofSeconds(30)).readAttempts(1).build()) {
      for (Row row : rows) {
        FleetServer server = new FleetServer(row.name(), row.veid(), row.key(), Set.of());
        ApiResult<ServiceInfo> answer = client.getServiceInfo(server);
        if (answer instanceof ApiResult.AuthFailure<?>) {
          found.add(
              new ConfigProblem(
                  file,
                  row.line(),
                  "KiwiVM rejects the api_key of " + row.name() + " (veid " + row.veid() + ")"));
        } else if (!(answer instanceof ApiResult.Ok<?>)) {
          found.add(
              new ConfigProblem(
                  file,
                  row.line(),
                  "could not check "
                      + row.name()
                      + ": KiwiVM answered "
                      + dev.kiwiops.kiwivm.KiwiVmCallListener.Outcome.of(answer)
                          .name()
                          .toLowerCase(Locale.ROOT)
                          .replace('_', '-')));
        }
      }
    }
    return found;
  }

  /**
   * Writes each key file and returns the {@code servers:} block that refers to them. Checks first
   * that no key file exists and that the folder is a real folder (not a link), so that a refusal
   * writes nothing.
   *
   * @param keysDir the folder of the key files, created 0700 if missing
   * @param reference the folder as the YAML should name it (relative to the config's folder)
   */
  static String write(List<Row> rows, Path keysDir, String reference) throws IOException {
    if (Files.isSymbolicLink(keysDir)) {
      throw new IOException(keysDir + " is a symbolic link; give a real folder");
    }
    if (Files.exists(keysDir, LinkOption.NOFOLLOW_LINKS)
        && !Files.isDirectory(keysDir, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(keysDir + " is not a folder");
    }
    for (Row row : rows) {
      Path key = keysDir.resolve(row.name() + ".key");
      if (Files.exists(key, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException(key + " already exists; remove it or choose another --keys-dir");
      }
    }
    if (!Files.exists(keysDir, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(keysDir, PosixFilePermissions.asFileAttribute(DIR_MODE));
    }
    StringBuilder yaml = new StringBuilder("servers:\n");
    for (Row row : rows) {
      Path key = keysDir.resolve(row.name() + ".key");
      writePrivate(key, (row.key().reveal() + "\n").getBytes(StandardCharsets.UTF_8), true);
      yaml.append("  ")
          .append(row.name())
          .append(": { veid: ")
          .append(row.veid())
          .append(", api-key: \"${file:")
          .append(reference.isEmpty() ? "" : reference + "/")
          .append(row.name())
          .append(".key}\"");
      if (!row.tags().isEmpty()) {
        yaml.append(", tags: [").append(String.join(", ", row.tags())).append("]");
      }
      yaml.append(" }\n");
    }
    return yaml.toString();
  }

  /**
   * Writes {@code bytes} to a file created 0600 without following a link at its name; {@code
   * createNew} refuses an existing file, otherwise an existing regular file is replaced.
   */
  static void writePrivate(Path file, byte[] bytes, boolean createNew) throws IOException {
    Set<OpenOption> options = new LinkedHashSet<>();
    options.add(LinkOption.NOFOLLOW_LINKS);
    options.add(StandardOpenOption.WRITE);
    options.add(createNew ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
    if (!createNew) {
      options.add(StandardOpenOption.TRUNCATE_EXISTING);
    }
    try (SeekableByteChannel channel =
            Files.newByteChannel(
                file, options, PosixFilePermissions.asFileAttribute(EnumSet.copyOf(FILE_MODE)));
        OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
      out.write(bytes);
    } catch (FileAlreadyExistsException e) {
      throw new IOException(file + " already exists", e);
    }
  }

  static Optional<String> relative(Path from, Path to) {
    try {
      return Optional.of(
          from.toAbsolutePath().normalize().relativize(to.toAbsolutePath().normalize()).toString());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
