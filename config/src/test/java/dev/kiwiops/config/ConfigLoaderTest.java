package dev.kiwiops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiwiops.core.Identity;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final Map<String, String> ENV =
      Map.of(
          "KIWIVM_WEB1_API_KEY", "private_web1web1web1web1web1web1",
          "KIWIVM_DB1_API_KEY", "private_db1db1db1db1db1db1db1d",
          "DISCORD_TOKEN", "discord-token-value",
          "TELEGRAM_BOT_TOKEN", "123:telegram-token-value");

  @TempDir Path dir;

  private KiwiopsConfig read(String yaml) throws ConfigException {
    return new ConfigLoader(ENV::get).read("kiwiops.yml", new StringReader(yaml));
  }

  private static String problemsOf(String yaml) {
    try {
      new ConfigLoader(ENV::get).read("kiwiops.yml", new StringReader(yaml));
      throw new AssertionError("expected problems");
    } catch (ConfigException e) {
      return e.getMessage();
    }
  }

  @Test
  void exampleConfigIsValid() throws Exception {
    Path example = Path.of("kiwiops.example.yml");
    Path copy = dir.resolve("kiwiops.yml");
    Files.copy(example, copy);
    Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(dir.resolve("secrets/legacy1.key"), "private_legacylegacylegacyleg\n");

    KiwiopsConfig config = new ConfigLoader(ENV::get).read(copy);

    assertThat(config.servers())
        .extracting(s -> s.name())
        .containsExactly("web1", "db1", "legacy1");
    assertThat(config.servers().get(2).apiKey().reveal())
        .isEqualTo("private_legacylegacylegacyleg");
    assertThat(config.access()).hasSize(5);
    assertThat(config.people()).extracting(p -> p.name()).containsExactly("alice");
    assertThat(config.access().get(2).identity())
        .isEqualTo(Identity.parse("discord-role:112233445566778899"));
    assertThat(config.approval()).containsExactly("os.reinstall", "migrate.start");
    assertThat(config.alerts().routes()).hasSize(2);
    assertThat(config.storeUrl()).isEqualTo("jdbc:sqlite:" + dir.resolve("data/kiwiops.db"));
    assertThat(config.discord()).isPresent();
  }

  @Test
  void minimalConfigGetsDefaults() throws ConfigException {
    KiwiopsConfig config = read("servers:\n  web1: { veid: 1, api-key: k }\n");

    assertThat(config.apiUrl()).isEqualTo(KiwiopsConfig.DEFAULT_API_URL);
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.confirmTtl()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.alerts().interval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.access()).isEmpty();
  }

  @Test
  void unknownKeyIsReportedWithItsLine() {
    assertThat(problemsOf("servers:\n  web1: { veid: 1, api-key: k }\nconfrm:\n  ttl: 60s\n"))
        .startsWith("kiwiops.yml:3: the configuration: unknown key 'confrm'");
  }

  @Test
  void everyProblemIsReportedInOneRun() {
    String problems =
        problemsOf(
            "servers:\n"
                + "  web1: { veid: abc, api-key: k }\n"
                + "access:\n"
                + "  - { user: \"console:ada\", roles: [wizard] }\n"
                + "  - { user: \"console:bob\", roles: [viewer], servers: [web9] }\n"
                + "confirm: { ttl: soon }\n");

    assertThat(problems.lines())
        .containsExactly(
            "kiwiops.yml:2: servers.web1.veid: 'abc' is not a whole number",
            "kiwiops.yml:4: access[].roles: unknown role 'wizard'",
            "kiwiops.yml:5: access[].servers: unknown server 'web9'",
            "kiwiops.yml:6: confirm.ttl: 'soon' is not a duration (like 500ms, 30s, 15m, 2h, 1d)");
  }

  @Test
  void missingEnvironmentVariableIsNamedButNoValueIsPrinted() {
    assertThat(problemsOf("servers:\n  web1: { veid: 1, api-key: \"${NOPE_KEY}\" }\n"))
        .isEqualTo("kiwiops.yml:2: servers.web1.api-key: environment variable NOPE_KEY is not set");
  }

  @Test
  void secretsAreResolvedButNeverShownByToString() throws ConfigException {
    KiwiopsConfig config =
        read(
            "servers:\n  web1: { veid: 1, api-key: \"${KIWIVM_WEB1_API_KEY}\" }\n"
                + "telegram: { token: \"${TELEGRAM_BOT_TOKEN}\" }\n");

    assertThat(config.servers().get(0).apiKey().reveal()).isEqualTo(ENV.get("KIWIVM_WEB1_API_KEY"));
    assertThat(config.toString())
        .doesNotContain(ENV.get("KIWIVM_WEB1_API_KEY"))
        .doesNotContain(ENV.get("TELEGRAM_BOT_TOKEN"));
  }

  @Test
  void garbageIsOneProblemNotAStackTrace() {
    assertThat(problemsOf("servers: [unclosed\n  - {"))
        .startsWith("kiwiops.yml:")
        .contains("not valid YAML")
        .doesNotContain("Exception");
  }

  @Test
  void duplicateVeidIsRefused() {
    assertThat(problemsOf("servers:\n  a: { veid: 5, api-key: k }\n  b: { veid: 5, api-key: k }\n"))
        .isEqualTo("kiwiops.yml:3: servers.b.veid: 5 is already used by another server");
  }

  @Test
  void builtInRoleCannotBeRedefined() {
    assertThat(problemsOf("servers:\n  a: { veid: 5, api-key: k }\nroles:\n  admin: [info]\n"))
        .isEqualTo("kiwiops.yml:4: roles.admin: a built-in role cannot be redefined");
  }

  @Test
  void unknownAlertKindIsRefused() {
    assertThat(
            problemsOf(
                "servers:\n  a: { veid: 5, api-key: k }\nalerts:\n  routes:\n"
                    + "    - { kinds: [meteor], telegram-chat: \"-100\" }\n"))
        .startsWith("kiwiops.yml:5: alerts.routes[].kinds: unknown alert kind 'meteor'");
  }

  @Test
  void missingFileIsOneSentence() {
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("absent.yml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("absent.yml:0: cannot read the file");
  }

  @Test
  void secretFileIsReadRelativeToTheConfig() throws IOException, ConfigException {
    Files.writeString(dir.resolve("key.txt"), "private_fromfilefromfilefromfi\n");
    Path file = dir.resolve("k.yml");
    Files.writeString(file, "servers:\n  web1: { veid: 1, api-key: \"${file:key.txt}\" }\n");

    assertThat(new ConfigLoader(ENV::get).read(file).servers().get(0).apiKey().reveal())
        .isEqualTo("private_fromfilefromfilefromfi");
  }

  @Test
  void badApprovalPatternIsReportedWithItsLine() {
    assertThat(
            problemsOf(
                "servers:\n  a: { veid: 5, api-key: k }\nconfirm:\n  approval: [os reinstall]\n"))
        .startsWith("kiwiops.yml:4: confirm.approval: 'os reinstall' is not a permission pattern");
  }

  @Test
  void extraConfirmationsAndApprovalTtlAreRead() throws ConfigException {
    KiwiopsConfig config =
        read(
            "servers:\n  a: { veid: 5, api-key: k }\n"
                + "confirm: { also: [power.restart], approval-ttl: 5m }\n");

    assertThat(config.alsoConfirm()).containsExactly("power.restart");
    assertThat(config.approvalTtl()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aServerWithAnUnsetKeyIsReportedOnceNotByEveryRuleNamingIt() {
    assertThat(
            problemsOf(
                "servers:\n  web1: { veid: 1, api-key: \"${NOPE_KEY}\", tags: [prod] }\n"
                    + "access:\n  - { user: \"console:ada\", roles: [viewer], servers: [web1], tags: [prod] }\n"))
        .isEqualTo("kiwiops.yml:2: servers.web1.api-key: environment variable NOPE_KEY is not set");
  }

  @Test
  void runSectionsHaveDefaults() throws ConfigException {
    KiwiopsConfig config = read("servers:\n  web1: { veid: 1, api-key: k }\n");

    assertThat(config.http()).isEqualTo(new KiwiopsConfig.Http(8080, "127.0.0.1"));
    assertThat(config.logging().format()).isEqualTo(KiwiopsConfig.Logging.Format.TEXT);
    assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.discord()).isEmpty();
    assertThat(config.telegram()).isEmpty();
  }

  @Test
  void runSectionsAreRead() throws ConfigException {
    KiwiopsConfig config =
        read(
            "servers:\n  web1: { veid: 1, api-key: k }\n"
                + "http: { port: 9100, bind: 0.0.0.0 }\n"
                + "logging: { format: json }\n"
                + "shutdown: { grace: 45s }\n"
                + "telegram: { token: \"${TELEGRAM_BOT_TOKEN}\", api-url: http://127.0.0.1:8081 }\n"
                + "discord: { token: \"${DISCORD_TOKEN}\", guilds: [\"42\"],"
                + " api-url: http://127.0.0.1:8082/api, gateway-url: ws://127.0.0.1:8083 }\n");

    assertThat(config.http()).isEqualTo(new KiwiopsConfig.Http(9100, "0.0.0.0"));
    assertThat(config.logging().format()).isEqualTo(KiwiopsConfig.Logging.Format.JSON);
    assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(45));
    assertThat(config.telegram().orElseThrow().token().reveal())
        .isEqualTo("123:telegram-token-value");
    assertThat(config.telegram().orElseThrow().apiUrl()).hasToString("http://127.0.0.1:8081/");
    KiwiopsConfig.Discord discord = config.discord().orElseThrow();
    assertThat(discord.guilds()).containsExactly("42");
    assertThat(discord.apiUrl())
        .hasValueSatisfying(u -> assertThat(u).hasToString("http://127.0.0.1:8082/api/"));
    assertThat(discord.gatewayUrl())
        .hasValueSatisfying(u -> assertThat(u).hasToString("ws://127.0.0.1:8083"));
  }

  @Test
  void runSectionProblemsAreReportedWithTheirLines() {
    String problems =
        problemsOf(
            "servers:\n  web1: { veid: 1, api-key: k }\n"
                + "http: { port: 70000, bind: localhost }\n"
                + "logging: { format: xml }\n"
                + "shutdown: { grace: 2h }\n"
                + "telegram: { api-url: http://127.0.0.1 }\n"
                + "discord: { token: t, guilds: [general], gateway-url: https://gateway }\n"
                + "metrics: { on: true }\n");

    assertThat(problems)
        .contains("kiwiops.yml:3: http.port: 70000 is out of range (0 to 65535)")
        .contains("kiwiops.yml:3: http.bind: 'localhost' is not an IP address")
        .contains("kiwiops.yml:4: logging.format: 'xml' is not text or json")
        .contains("kiwiops.yml:5: shutdown.grace: between 0s and 10m")
        .contains("kiwiops.yml:6: telegram: token is required")
        .contains("kiwiops.yml:7: discord.guilds: 'general' is not a Discord id")
        .contains("kiwiops.yml:7: discord.gateway-url: 'https://gateway' is not a ws(s) URL")
        .contains("kiwiops.yml:8: the configuration: unknown key 'metrics'");
  }

  @Test
  void anUnsetPlatformTokenIsNamedNotPrinted() {
    String problems =
        new ConfigLoaderProblems(Map.of())
            .of("servers:\n  web1: { veid: 1, api-key: k }\ntelegram: { token: \"${TG}\" }\n");

    assertThat(problems)
        .isEqualTo("kiwiops.yml:3: telegram.token: environment variable TG is not set");
  }

  /** Problems of a file read with another environment. */
  private record ConfigLoaderProblems(Map<String, String> env) {
    String of(String yaml) {
      try {
        new ConfigLoader(env::get).read("kiwiops.yml", new StringReader(yaml));
        throw new AssertionError("expected problems");
      } catch (ConfigException e) {
        return e.getMessage();
      }
    }
  }

  @Test
  void deepNestingIsOneProblemWithItsLineNotAStackOverflow() {
    String deep = "[".repeat(4000);

    assertThat(problemsOf("servers:\n  web1: { veid: 1, api-key: k }\nroles:\n  x: " + deep + "\n"))
        .isEqualTo(
            "kiwiops.yml:4: lists and mappings nested more than "
                + ConfigLoader.MAX_DEPTH
                + " deep");
  }

  @Test
  void deepBlockMappingsAreRefusedToo() {
    StringBuilder yaml = new StringBuilder("servers:\n  web1: { veid: 1, api-key: k }\n");
    for (int i = 0; i < 200; i++) {
      yaml.append(" ".repeat(i)).append("k").append(i).append(":\n");
    }

    assertThat(problemsOf(yaml.toString()))
        .isEqualTo(
            "kiwiops.yml:"
                + (3 + ConfigLoader.MAX_DEPTH)
                + ": lists and mappings nested more than "
                + ConfigLoader.MAX_DEPTH
                + " deep");
  }

  @Test
  void aBillionLaughsOfAliasesIsRefused() {
    StringBuilder yaml = new StringBuilder("servers:\n  web1: { veid: 1, api-key: k }\n");
    yaml.append("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 10; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [");
      yaml.append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1))));
      yaml.append("]\n");
    }

    assertThat(problemsOf(yaml.toString())).startsWith("kiwiops.yml:").contains("not valid YAML");
  }

  private String problemsOfFile(Path file) {
    try {
      new ConfigLoader(ENV::get).read(file);
      throw new AssertionError("expected problems");
    } catch (ConfigException e) {
      return e.getMessage();
    }
  }

  @Test
  void aVeryLongLineIsRefusedWithItsLine() {
    String yaml =
        "servers:\n  web1: { veid: 1, api-key: k }\n# " + "x".repeat(ConfigText.MAX_LINE) + "\n";

    assertThat(problemsOf(yaml))
        .isEqualTo(
            "kiwiops.yml:3: this line is longer than 16384 characters; a configuration needs none");
  }

  @Test
  void aLongLineWithinTheLimitIsRead() throws ConfigException {
    String yaml =
        "servers:\n  web1: { veid: 1, api-key: k }\n# "
            + "x".repeat(ConfigText.MAX_LINE - 2)
            + "\n";

    assertThat(read(yaml).servers()).hasSize(1);
  }

  @Test
  void aFileLargerThanTheLimitIsRefusedBeforeParsing() throws IOException {
    Path big = dir.resolve("big.yml");
    String line = "# " + "x".repeat(98) + "\n";
    Files.writeString(big, line.repeat(ConfigText.MAX_BYTES / line.length() + 1));

    assertThat(problemsOfFile(big)).isEqualTo(big + ":0: the file is larger than 1024 KiB");
  }

  @Test
  void aFileThatIsNotUtf8IsSaidSoWithItsLine() throws IOException {
    Path latin1 = dir.resolve("latin1.yml");
    Files.write(
        latin1,
        "servers:\n  web1: { veid: 1, api-key: k }\n# caf\u00e9\n"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

    assertThat(problemsOfFile(latin1))
        .isEqualTo(
            latin1 + ":3: the file is not UTF-8 (byte 0xE9 is not valid here); save it as UTF-8");
  }

  @Test
  void aFolderOrADeviceIsNotAConfigurationFile() {
    assertThat(problemsOfFile(dir))
        .isEqualTo(dir + ":0: cannot read the file: it is not a regular file");
    assertThat(problemsOfFile(Path.of("/dev/zero")))
        .isEqualTo("/dev/zero:0: cannot read the file: it is not a regular file");
  }

  private String secretFileProblem(String reference) throws IOException {
    Path file = dir.resolve("s.yml");
    Files.writeString(
        file, "servers:\n  web1:\n    veid: 1\n    api-key: \"${file:" + reference + "}\"\n");
    return problemsOfFile(file);
  }

  @Test
  void aSecretFileMustBeASmallRegularFile() throws Exception {
    Files.createDirectory(dir.resolve("folder"));
    Files.writeString(dir.resolve("huge.key"), "k".repeat(ConfigText.MAX_SECRET_BYTES + 1));
    Files.write(dir.resolve("latin1.key"), new byte[] {'k', (byte) 0xE9});
    String where = dir.resolve("s.yml") + ":4: servers.web1.api-key: secret file ";

    assertThat(secretFileProblem("/dev/zero"))
        .isEqualTo(where + "/dev/zero is not a regular file (a device, pipe or socket)");
    assertThat(secretFileProblem("folder"))
        .isEqualTo(where + dir.resolve("folder") + " is a folder, not a file");
    assertThat(secretFileProblem("absent.key"))
        .isEqualTo(where + dir.resolve("absent.key") + " does not exist");
    assertThat(secretFileProblem("huge.key"))
        .isEqualTo(where + dir.resolve("huge.key") + " is larger than 64 KiB");
    assertThat(secretFileProblem("latin1.key"))
        .isEqualTo(where + dir.resolve("latin1.key") + " is not UTF-8");
  }

  @Test
  void aNamedPipeAsSecretFileIsRefusedWithoutWaitingForAWriter() throws Exception {
    Path fifo = dir.resolve("pipe.key");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

    String problems =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            Duration.ofSeconds(10), () -> secretFileProblem("pipe.key"));

    assertThat(problems)
        .isEqualTo(
            dir.resolve("s.yml")
                + ":4: servers.web1.api-key: secret file "
                + fifo
                + " is not a regular file (a device, pipe or socket)");
  }

  @Test
  void anUnreadableSecretFileIsSaidSo() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        "root".equals(System.getProperty("user.name")), "root reads every file");
    Path key = Files.writeString(dir.resolve("locked.key"), "private_x");
    Files.setPosixFilePermissions(
        key, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));

    assertThat(secretFileProblem("locked.key"))
        .isEqualTo(
            dir.resolve("s.yml")
                + ":4: servers.web1.api-key: secret file "
                + key
                + " cannot be read (permission denied)");
  }

  @Test
  void aSubstitutedValueIsNamedNeverQuoted() throws IOException {
    Files.writeString(dir.resolve("key.txt"), "private_fromfilefromfilefromfi\n");
    Path file = dir.resolve("k.yml");
    Files.writeString(
        file,
        "kiwivm: { api-url: \"${KIWIVM_DB1_API_KEY}\", timeout: \"${file:key.txt}\" }\n"
            + "servers:\n  web1: { veid: \"${KIWIVM_WEB1_API_KEY}\", api-key: k }\n"
            + "http: { port: \"${TELEGRAM_BOT_TOKEN}\" }\n"
            + "discord: { token: t, guilds: [\"42\"], gateway-url: \"${KIWIVM_DB1_API_KEY}\" }\n"
            + "logging: { format: \"${TELEGRAM_BOT_TOKEN}\" }\n");

    assertThat(problemsOfFile(file).lines())
        .containsExactly(
            file + ":1: kiwivm.api-url: the value of ${KIWIVM_DB1_API_KEY} is not an http(s) URL",
            file
                + ":1: kiwivm.timeout: the value of ${file:key.txt} is not a duration (like 500ms,"
                + " 30s, 15m, 2h, 1d)",
            file
                + ":3: servers.web1.veid: the value of ${KIWIVM_WEB1_API_KEY} is not a whole"
                + " number",
            file + ":4: http.port: the value of ${TELEGRAM_BOT_TOKEN} is not a whole number",
            file
                + ":5: discord.gateway-url: the value of ${KIWIVM_DB1_API_KEY} is not a ws(s)"
                + " URL",
            file + ":6: logging.format: the value of ${TELEGRAM_BOT_TOKEN} is not text or json");
  }

  @Test
  void aKeyPastedIntoTheWrongFieldIsNotQuoted() {
    String problems =
        problemsOf(
            "servers:\n  web1: { veid: private_web1web1web1web1web1web1, api-key: k }\n"
                + "confirm: { ttl: \"123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw\" }\n");

    assertThat(problems.lines())
        .containsExactly(
            "kiwiops.yml:2: servers.web1.veid: a value that looks like a key or token (not shown)"
                + " is not a whole number",
            "kiwiops.yml:3: confirm.ttl: a value that looks like a key or token (not shown) is"
                + " not a duration (like 500ms, 30s, 15m, 2h, 1d)");
  }

  /** Every typed field, and the places that name a value (keys, roles, servers, identities). */
  static java.util.stream.Stream<String> fieldsThatQuoteTheirValue() {
    return java.util.stream.Stream.of(
        "kiwivm: { api-url: %s }\n",
        "kiwivm: { timeout: %s }\n",
        "servers:\n  web2: { veid: %s, api-key: k }\n",
        "servers:\n  web2: { veid: 1, api-key: k }\n  %s: { veid: 7, api-key: k }\n",
        "confirm: { ttl: %s }\n",
        "confirm: { approval-ttl: %s }\n",
        "confirm: { approval: [%s] }\n",
        "confirm: { also: [%s] }\n",
        "roles:\n  r: [%s]\n",
        "access:\n  - { user: %s, roles: [viewer] }\n",
        "access:\n  - { user: \"console:ada\", roles: [%s] }\n",
        "access:\n  - { user: \"console:ada\", roles: [viewer], servers: [%s] }\n",
        "access:\n  - { user: \"console:ada\", roles: [viewer], tags: [%s] }\n",
        "alerts: { interval: %s }\n",
        "alerts: { remind: %s }\n",
        "alerts: { enabled: %s }\n",
        "alerts: { bandwidth-thresholds: [%s] }\n",
        "alerts: { routes: [ { kinds: [%s], telegram-chat: \"-1\" } ] }\n",
        "alerts: { routes: [ { servers: [%s], telegram-chat: \"-1\" } ] }\n",
        "alerts: { routes: [ { tags: [%s], telegram-chat: \"-1\" } ] }\n",
        "telegram: { token: t, api-url: %s }\n",
        "store: { url: %s }\n",
        "http: { port: %s }\n",
        "%s: 1\n");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("fieldsThatQuoteTheirValue")
  void noFieldQuotesASecretFromTheEnvironmentOrPastedIn(String field) {
    String base = "servers:\n  web1: { veid: 1, api-key: k }\n";
    String key = ENV.get("KIWIVM_WEB1_API_KEY");
    String token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    String fromEnv = base + field.formatted("\"${KIWIVM_WEB1_API_KEY}\"");
    String pasted = base + field.formatted("\"" + token + "\"");
    if (field.startsWith("servers:")) {
      fromEnv = fromEnv.replace(base, "");
      pasted = pasted.replace(base, "");
    }

    assertThat(messagesOf(fromEnv)).doesNotContain(key);
    assertThat(problemsOf(pasted)).startsWith("kiwiops.yml:").doesNotContain(token);
  }

  /** The problems, or nothing if the configuration was accepted. */
  private static String messagesOf(String yaml) {
    try {
      new ConfigLoader(ENV::get).read("kiwiops.yml", new StringReader(yaml));
      return "";
    } catch (ConfigException e) {
      return e.getMessage();
    }
  }
}
