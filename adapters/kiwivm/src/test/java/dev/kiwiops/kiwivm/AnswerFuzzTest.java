package dev.kiwiops.kiwivm;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import dev.kiwiops.core.Secret;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Fuzzing of KiwiVM answers: generated JSON in KiwiVM's shapes (the fields the parsers read, with
 * values of every type, missing fields, deep nesting, huge and tiny numbers, numbers as strings,
 * unicode) and broken JSON.
 *
 * <p>In process, each answer goes through what the client does with a body: the same Moshi reader
 * ({@link WireObjectAdapter}), {@link Envelope#classify} and every call's parser. Whatever the
 * answer, these may only fail in the ways the client turns into an {@link ApiResult} (Moshi's
 * {@code IOException}s and {@link JsonDataException}, {@link WireShapeException}); anything else
 * would escape a write as an exception. Over HTTP, a share of the same answers goes through the
 * real client from a canned server: a read and a write always come back as an {@code ApiResult}, a
 * read never "unknown", a write's unreadable answer never "failed", the key never in the text.
 */
class AnswerFuzzTest {
  private static final String KEY = "private_Fz9Qw8Er7Ty6Ui5Op4As3Df2";
  private static final FleetServer SERVER = new FleetServer("web1", 4242, Secret.of(KEY), Set.of());
  private static final JsonAdapter<WireObject> READER =
      new Moshi.Builder()
          .add(WireObject.class, new WireObjectAdapter())
          .build()
          .adapter(WireObject.class);

  /** Every parser of the client, by the call it reads the answer of. */
  private static final List<Parser> PARSERS =
      List.of(
          new Parser(Upstream.START, AnswerParser::start),
          new Parser(Upstream.GET_SERVICE_INFO, AnswerParser::serviceInfo),
          new Parser(Upstream.GET_LIVE_SERVICE_INFO, AnswerParser::liveServiceInfo),
          new Parser(Upstream.GET_AVAILABLE_OS, AnswerParser::availableOs),
          new Parser(Upstream.GET_RAW_USAGE_STATS, AnswerParser::usageStats),
          new Parser(Upstream.GET_AUDIT_LOG, AnswerParser::auditLog),
          new Parser(Upstream.GET_RATE_LIMIT_STATUS, AnswerParser::rateLimitStatus),
          new Parser(Upstream.REINSTALL_OS, AnswerParser::reinstall),
          new Parser(Upstream.GET_SSH_KEYS, AnswerParser::sshKeys),
          new Parser(Upstream.RESET_ROOT_PASSWORD, AnswerParser::passwordReset),
          new Parser(Upstream.SHELL_CD, a -> AnswerParser.required(a, "pwd")),
          new Parser(
              Upstream.SHELL_EXEC, a -> a.intValue("error", 0) + a.string("message").length()),
          new Parser(Upstream.SNAPSHOT_LIST, AnswerParser::snapshots),
          new Parser(Upstream.SNAPSHOT_EXPORT, AnswerParser::snapshotExport),
          new Parser(Upstream.BACKUP_LIST, AnswerParser::backups),
          new Parser(Upstream.IPV6_ADD, AnswerParser::ipv6Added),
          new Parser(Upstream.PRIVATE_IP_ASSIGN, a -> a.stringList("assigned_ips")),
          new Parser(Upstream.MIGRATE_GET_LOCATIONS, AnswerParser::migrateLocations),
          new Parser(Upstream.MIGRATE_START, AnswerParser::migrateStarted),
          new Parser(Upstream.GET_SUSPENSION_DETAILS, AnswerParser::suspensionDetails),
          new Parser(Upstream.GET_POLICY_VIOLATIONS, AnswerParser::policyViolations));

  private static final List<String> FIELDS =
      List.of(
          "abuse_points",
          "additionalErrorInfo",
          "additionalLockingInfo",
          "assigned_subnet",
          "assigned_ips",
          "available_isos",
          "backupToken",
          "backups",
          "completed_percent",
          "cpu_usage",
          "currentLocation",
          "data",
          "dataTransferMultipliers",
          "data_counter",
          "data_next_reset",
          "description",
          "descriptions",
          "disk_read_bytes",
          "email",
          "error",
          "evidence",
          "evidence_data",
          "evidence_record_id",
          "fileName",
          "flag",
          "friendly_progress_message",
          "hostname",
          "installed",
          "ip",
          "ip_addresses",
          "ip_nullroutes",
          "is_cpu_throttled",
          "is_mounted",
          "is_soft",
          "iso1",
          "last_status_update_s_ago",
          "live_hostname",
          "load_average",
          "locations",
          "log",
          "log_entries",
          "max_abuse_points",
          "md5",
          "mem_available_kb",
          "message",
          "monthly_data_multiplier",
          "network_in_bytes",
          "newIps",
          "node_location",
          "notificationEmail",
          "nullroute_duration_s",
          "nullroute_timestamp",
          "os",
          "password",
          "plan_disk",
          "plan_max_ipv6s",
          "plan_ram",
          "policy_violation",
          "policy_violations",
          "ptr",
          "purgesIn",
          "pwd",
          "record_id",
          "remaining_points_15min",
          "remaining_points_24h",
          "requestor_ipv4",
          "rootPassword",
          "screendump_png_base64",
          "size",
          "snapshots",
          "sshKeysBrief",
          "sshPort",
          "ssh_keys_veid",
          "ssh_port",
          "status",
          "sticky",
          "summary",
          "suspend_at",
          "suspended",
          "suspension_count",
          "suspensions",
          "templates",
          "timestamp",
          "token",
          "total_abuse_points",
          "type",
          "uncompressed",
          "ve_status",
          "vm_type",
          "vz_quota",
          "vz_status",
          "0",
          "1");

  private static final AtomicLong DOCUMENTS = new AtomicLong();
  private static final AtomicLong PARSES = new AtomicLong();
  private static final AtomicLong OVER_HTTP = new AtomicLong();

  record Parser(Upstream call, Function<WireObject, ?> parse) {}

  private CannedApi api;
  private KiwiVmClient client;

  @BeforeProperty
  void start() throws IOException {
    api = CannedApi.start();
    client =
        KiwiVmClient.builder(api.apiBase())
            .timeout(Duration.ofSeconds(10))
            .infoTtl(Duration.ZERO)
            .readAttempts(1)
            .build();
  }

  @AfterProperty
  void stop() {
    client.close();
    api.close();
  }

  @Property(tries = 2_500)
  void everyAnswerParsesOrFailsAsAValue(@ForAll("batches") List<String> answers) {
    for (String json : answers) {
      DOCUMENTS.incrementAndGet();
      WireObject answer;
      try {
        answer = READER.fromJson(json);
      } catch (IOException | JsonDataException e) {
        continue; // the client's "not JSON" / "not a JSON object" / "cut off"
      }
      if (answer == null) {
        continue; // "the answer is empty"
      }
      for (Parser parser : PARSERS) {
        PARSES.incrementAndGet();
        try {
          ApiResult<WireObject> envelope =
              Envelope.classify(answer, parser.call(), SERVER.apiKey());
          if (envelope instanceof ApiResult.Ok<WireObject> ok) {
            assertThat(parser.parse().apply(ok.value())).isNotNull();
          } else {
            assertThat(envelope.describeFailure()).doesNotContain(KEY);
          }
        } catch (WireShapeException e) {
          assertThat(e.getMessage()).doesNotContain(KEY).hasSizeLessThan(300);
        }
      }
    }
  }

  @Property(tries = 150)
  void theClientAnswersEveryBodyWithAResult(@ForAll("answers") String json) {
    OVER_HTTP.incrementAndGet();
    api.answer(json);

    ApiResult<?> read = client.getServiceInfo(SERVER);
    ApiResult<?> write = client.resetRootPassword(SERVER);

    assertThat(read).isNotInstanceOf(ApiResult.Unknown.class);
    assertThat(write)
        .as("an answer came to a write: it was sent, so never a plain failure to send")
        .isNotInstanceOf(ApiResult.NetworkFailure.class);
    for (ApiResult<?> result : List.of(read, write)) {
      if (!(result instanceof ApiResult.Ok<?>)) {
        String text = result.describeFailure();
        assertThat(text).doesNotContain(KEY).hasSizeLessThan(400).doesNotContain("Exception");
      }
    }
  }

  @AfterContainer
  static void counts() {
    System.out.printf(
        "AnswerFuzzTest: %d generated answers, %d parser runs in process, %d answers over HTTP"
            + " (a read and a write each)%n",
        DOCUMENTS.get(), PARSES.get(), OVER_HTTP.get());
  }

  // Generators: jqwik draws a seed, a hand-written generator builds the answers from it (jqwik's
  // own combinators cost more than a millisecond per nested answer). A failure names the seed.

  @Provide
  Arbitrary<List<String>> batches() {
    return Arbitraries.longs().map(seed -> new Answers(seed).batch(8));
  }

  @Provide
  Arbitrary<String> answers() {
    return Arbitraries.longs().map(seed -> new Answers(seed).answer());
  }

  /** Answers in KiwiVM's shapes, wrong types, deep nesting, odd numbers and broken JSON. */
  static final class Answers {
    private static final List<String> ERRORS =
        List.of(
            "700005",
            "788888",
            "1",
            "\"0\"",
            "0.0",
            "-1",
            "null",
            "true",
            "\"\"",
            "99999999999999999999",
            "1e999999999",
            "[]",
            "{}",
            "\"x\"");
    private static final List<String> NUMBERS =
        List.of(
            "0",
            "-0",
            "1.5",
            "0.5",
            "2.5",
            "-2.5",
            "1e3",
            "1E-3",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775809",
            "2147483648",
            "123456789012345678901234567890",
            "1.7976931348623157e308",
            "1e400",
            "-1e400",
            "4.9e-324",
            "1e-400",
            "1e999999999",
            "1E-999999999",
            "-1e+999999999",
            "1e2147483647",
            "1e-2147483648",
            "1e-2147483649",
            "0e999999999",
            "12345678901234567890e-10",
            "31556889864403200",
            "-31557014167219201");
    private static final List<String> STRINGS =
        List.of(
            "192.0.2.1",
            "2001:db8::1",
            "4294967296",
            "-1",
            "@@not base64@@",
            "aGVsbG8=",
            "1.2.3.4.5",
            KEY,
            "",
            "1",
            "0",
            "[]",
            "\u0000",
            "\ud800",
            "é\u202e",
            "line\nline");
    private static final List<String> BROKEN =
        List.of(
            "",
            " ",
            "{",
            "}",
            "{\"error\":0",
            "{\"error\":0,}",
            "{\"error\":0}}",
            "[]",
            "null",
            "0",
            "\"text\"",
            "<html><body>502 Bad Gateway</body></html>",
            "{\"error\":0,\"hostname\":\"\\ud800\"}",
            "{\"error\":0,\"a\":NaN}",
            "{\"error\":0,\"a\":Infinity}",
            "{'error':0}",
            "{error:0}",
            "\u0000",
            "{\"error\":0,\"error\":1}",
            "\ufeff{\"error\":0}");

    private final SplittableRandom random;

    Answers(long seed) {
      this.random = new SplittableRandom(seed);
    }

    List<String> batch(int size) {
      List<String> out = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        out.add(answer());
      }
      return out;
    }

    String answer() {
      int kind = random.nextInt(13);
      if (kind < 10) {
        return kiwiShaped();
      } else if (kind == 10) {
        return deep();
      } else if (kind == 11) {
        return broken();
      }
      return value(2);
    }

    private String kiwiShaped() {
      StringBuilder out = new StringBuilder("{\"error\":");
      out.append(random.nextInt(3) < 2 ? "0" : pick(ERRORS));
      int fields = random.nextInt(15);
      for (int i = 0; i < fields; i++) {
        out.append(',').append(quote(pick(FIELDS))).append(':').append(value(3));
      }
      return out.append('}').toString();
    }

    private String value(int depth) {
      int kind = random.nextInt(depth == 0 ? 12 : 16);
      return switch (kind) {
        case 0, 1, 2 -> Long.toString(random.nextLong());
        case 3, 4 -> number();
        case 5 -> quote(number());
        case 6, 7, 8 -> quote(text(16));
        case 9 -> pick(List.of("true", "false", "null", "\"\"", "\"1\"", "\"0\""));
        case 10 -> quote(pick(STRINGS));
        case 11 -> Double.toString(Double.longBitsToDouble(random.nextLong()));
        case 12, 13 -> {
          StringBuilder array = new StringBuilder("[");
          int n = random.nextInt(5);
          for (int i = 0; i < n; i++) {
            array.append(i == 0 ? "" : ",").append(value(depth - 1));
          }
          yield array.append(']').toString();
        }
        default -> {
          StringBuilder object = new StringBuilder("{");
          int n = random.nextInt(5);
          for (int i = 0; i < n; i++) {
            object.append(i == 0 ? "" : ",").append(quote(pick(FIELDS))).append(':');
            object.append(value(depth - 1));
          }
          yield object.append('}').toString();
        }
      };
    }

    private String number() {
      int kind = random.nextInt(6);
      if (kind < 3) {
        return pick(NUMBERS);
      } else if (kind < 5) {
        return Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(-20, 20)));
      }
      StringBuilder digits = new StringBuilder().append(1 + random.nextInt(9));
      int n = random.nextInt(400);
      for (int i = 0; i < n; i++) {
        digits.append(random.nextInt(10));
      }
      return digits.toString();
    }

    private String text(int max) {
      int n = random.nextInt(max + 1);
      StringBuilder out = new StringBuilder(n);
      for (int i = 0; i < n; i++) {
        out.append(
            (char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x10000)));
      }
      return out.toString();
    }

    private String deep() {
      int n = random.nextInt(50, 2_000);
      return switch (random.nextInt(3)) {
        case 0 -> "{\"error\":0,\"data\":" + "[".repeat(n) + "]".repeat(n) + "}";
        case 1 ->
            "{\"error\":0,\"ip_nullroutes\":" + "{\"a\":".repeat(n) + "1" + "}".repeat(n) + "}";
        default -> "{\"error\":0,\"x\":" + "[".repeat(n) + "}";
      };
    }

    private String broken() {
      int kind = random.nextInt(4);
      if (kind < 2) {
        return pick(BROKEN);
      } else if (kind == 2) {
        return text(64);
      }
      String doc = kiwiShaped();
      return doc.substring(0, random.nextInt(doc.length()));
    }

    private <T> T pick(List<T> list) {
      return list.get(random.nextInt(list.size()));
    }
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
