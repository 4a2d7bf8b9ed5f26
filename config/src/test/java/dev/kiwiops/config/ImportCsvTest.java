package dev.kiwiops.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.simulator.KiwiVmSimulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kiwiops import-csv}: validation first, keys in private files, {@code --check}. */
class ImportCsvTest {
  private static final String WEB1 = KiwiVmSimulator.DEMO_KEYS.get(KiwiVmSimulator.DEMO_WEB1);
  private static final String DB1 = KiwiVmSimulator.DEMO_KEYS.get(KiwiVmSimulator.DEMO_DB1);

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int importCsv(String csv, String... options) throws Exception {
    Path file = dir.resolve("fleet.csv");
    Files.writeString(file, csv);
    List<String> args = new ArrayList<>(List.of("import-csv", file.toString()));
    args.addAll(List.of(options));
    return Main.run(
        args.toArray(String[]::new),
        new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private List<Path> filesUnder(Path root) throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).filter(p -> !p.endsWith("fleet.csv")).toList();
    }
  }

  @Test
  void aGoodFileBecomesAServersBlockWithKeysInPrivateFiles() throws Exception {
    Path yml = dir.resolve("conf/servers.yml");
    Files.createDirectories(yml.getParent());

    int code =
        importCsv(
            "\uFEFFName,VEID,API Key,Tags\n"
                + "web1,1001,"
                + WEB1
                + ",prod;web\n"
                + "\"db1\",1002,\""
                + DB1
                + "\",\"prod db\"\n",
            "--out",
            yml.toString());

    assertThat(code).as(err()).isZero();
    String yaml = Files.readString(yml);
    assertThat(yaml)
        .isEqualTo(
            "servers:\n"
                + "  web1: { veid: 1001, api-key: \"${file:secrets/web1.key}\", tags: [prod, web] }\n"
                + "  db1: { veid: 1002, api-key: \"${file:secrets/db1.key}\", tags: [prod, db] }\n")
        .doesNotContain(WEB1);
    Path keys = yml.getParent().resolve("secrets");
    assertThat(Files.readString(keys.resolve("web1.key"))).isEqualTo(WEB1 + "\n");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("db1.key"))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)))
        .isEqualTo("rwx------");
    assertThat(err()).doesNotContain(WEB1).contains("2 servers written to");

    // The block is valid configuration: the config loader reads the keys back from the files.
    Files.writeString(yml, yaml);
    KiwiopsConfig config = new ConfigLoader(Map.<String, String>of()::get).read(yml);
    assertThat(config.servers().get(1).apiKey().reveal()).isEqualTo(DB1);
  }

  @Test
  void everyBadRowIsReportedByLineAndNothingIsWritten() throws Exception {
    int code =
        importCsv(
            "name,veid,api_key,tags\n"
                + "Web 1,1001,"
                + WEB1
                + ",prod\n"
                + "web2,10x1,"
                + WEB1
                + ",prod\n"
                + "web3,1003,private_short,prod\n"
                + "web4,1004,"
                + DB1
                + ",Prod!\n"
                + "web5,1001,"
                + DB1
                + ",\n"
                + "web5,1006,"
                + DB1
                + ",\n"
                + ",1007,,\n",
            "--keys-dir",
            dir.resolve("keys").toString());

    assertThat(code).isEqualTo(2);
    String fleet = dir.resolve("fleet.csv").toString();
    assertThat(err())
        .contains(fleet + ":2: 'Web 1' is not a server name")
        .contains(fleet + ":3: veid '10x1' is not a VE id (digits only)")
        .contains(fleet + ":4: the api_key does not look like a KiwiVM key")
        .contains(fleet + ":5: 'Prod!' is not a tag")
        .contains(fleet + ":6: veid 1001 is already used on line 2")
        .contains(fleet + ":7: the name 'web5' is already used on line 6")
        .contains(fleet + ":8: the name is empty")
        .contains(fleet + ":8: the api_key is empty")
        .contains("nothing was written")
        .doesNotContain("private_short")
        .doesNotContain(WEB1);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(filesUnder(dir)).isEmpty();
  }

  @Test
  void aHeaderWithoutTheNeededColumnsIsOneProblem() throws Exception {
    assertThat(importCsv("host,id\nweb1,1001\n")).isEqualTo(2);

    assertThat(err())
        .contains(":1: the header row has no 'name' column")
        .contains(":1: the header row has no 'veid' column")
        .contains(":1: the header row has no 'api_key' column");
  }

  @Test
  void anUnclosedQuoteAndAnOversizedFileAreRefused() throws Exception {
    assertThat(importCsv("name,veid,api_key\n\"web1,1001," + WEB1 + "\n")).isEqualTo(2);
    assertThat(err()).contains(":2: a quoted cell is never closed");

    err.reset();
    assertThat(importCsv("name,veid,api_key\n" + "x".repeat((int) CsvImport.MAX_BYTES)))
        .isEqualTo(2);
    assertThat(err()).contains(":0: larger than 1024 KiB");
  }

  @Test
  void anExistingKeyFileOrALinkedFolderIsNeverOverwritten() throws Exception {
    Path keys = dir.resolve("keys");
    Files.createDirectories(keys);
    Files.writeString(keys.resolve("web1.key"), "kept");
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Path link = Files.createSymbolicLink(dir.resolve("linked"), elsewhere);

    assertThat(
            importCsv("name,veid,api_key\nweb1,1001," + WEB1 + "\n", "--keys-dir", keys.toString()))
        .isEqualTo(1);
    assertThat(Files.readString(keys.resolve("web1.key"))).isEqualTo("kept");

    assertThat(
            importCsv("name,veid,api_key\nweb1,1001," + WEB1 + "\n", "--keys-dir", link.toString()))
        .isEqualTo(1);
    assertThat(err()).contains("is a symbolic link");
    try (Stream<Path> files = Files.list(elsewhere)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void checkAsksTheSimulatorAndReportsRowsWhoseKeyIsRejected() throws Exception {
    try (KiwiVmSimulator sim = KiwiVmSimulator.startDemoFleet(0, Clock.systemUTC())) {
      String wrong = "private_" + "A".repeat(24);
      int code =
          importCsv(
              "name,veid,api_key\nweb1,1001," + WEB1 + "\ndb1,1002," + wrong + "\n",
              "--check",
              "--api-url",
              sim.apiBase().toString(),
              "--keys-dir",
              dir.resolve("keys").toString());

      assertThat(code).isEqualTo(2);
      assertThat(err())
          .contains(":3: KiwiVM rejects the api_key of db1 (veid 1002)")
          .doesNotContain(":2:")
          .doesNotContain(wrong);
      assertThat(filesUnder(dir)).isEmpty();
      assertThat(sim.calls(1002, "getServiceInfo")).hasSize(1);

      err.reset();
      out.reset();
      code =
          importCsv(
              "name,veid,api_key\nweb1,1001," + WEB1 + "\n",
              "--check",
              "--api-url",
              sim.apiBase().toString(),
              "--keys-dir",
              dir.resolve("keys").toString());
      assertThat(code).as(err()).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("web1: { veid: 1001");
      assertThat(err()).contains("every key accepted by KiwiVM");
    }
  }
}
