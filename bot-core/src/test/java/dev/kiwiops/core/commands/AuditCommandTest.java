package dev.kiwiops.core.commands;

import static dev.kiwiops.core.testkit.TestBot.binding;
import static dev.kiwiops.core.testkit.TestBot.bindingOn;
import static dev.kiwiops.core.testkit.TestBot.caller;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.audit.AuditEntry;
import dev.kiwiops.core.audit.InMemoryAuditTrail;
import dev.kiwiops.core.reply.Block;
import dev.kiwiops.core.testkit.CollectingConversation;
import dev.kiwiops.core.testkit.RecordingKiwiVm;
import dev.kiwiops.core.testkit.TestBot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditCommandTest {
  private static final Caller LEAD = caller("console:lead");
  private static final Caller WEB_OPERATOR = caller("telegram:5");
  private static final Caller VIEWER = caller("console:vic");
  private static final Instant T0 = Instant.parse("2026-01-01T09:00:00Z");

  private final InMemoryAuditTrail audit = new InMemoryAuditTrail();
  private final TestBot bot =
      TestBot.builder(new RecordingKiwiVm().port())
          .audit(audit)
          .bind(binding("console:lead", "operator"))
          .bind(bindingOn("telegram:5", "operator", "web1"))
          .bind(binding("console:vic", "viewer"))
          .build();
  private final CollectingConversation chat = new CollectingConversation();

  private void seed(int second, String identity, Optional<String> server, String decision) {
    audit.record(
        new AuditEntry(
            T0.plusSeconds(second),
            identity,
            "telegram:-100",
            "power kill",
            server,
            "",
            decision,
            "ok",
            Duration.ofMillis(120),
            ""));
  }

  private List<List<String>> rows() {
    return chat.last().blocks().stream()
        .filter(b -> b instanceof Block.Table)
        .map(b -> ((Block.Table) b).rows())
        .findFirst()
        .orElseThrow();
  }

  private List<String> column(int index) {
    return rows().stream().map(r -> r.get(index)).toList();
  }

  @Test
  void newestComeFirstAsAReadableTable() {
    seed(1, "telegram:7", Optional.of("web1"), "pending");
    seed(2, "telegram:7", Optional.of("web1"), "confirmed");

    bot.say(LEAD, "audit web1", chat);

    assertThat(chat.last().title()).isEqualTo("Audit trail of web1");
    assertThat(rows())
        .containsExactly(
            List.of("01-01 09:00:02", "telegram:7", "power kill web1", "confirmed", "ok 120 ms"),
            List.of("01-01 09:00:01", "telegram:7", "power kill web1", "pending", "ok 120 ms"));
  }

  @Test
  void showsAtMostTwentyEntries() {
    for (int i = 0; i < 25; i++) {
      seed(i, "telegram:" + i, Optional.of("web1"), "allowed");
    }

    bot.say(LEAD, "audit", chat);

    assertThat(column(1)).hasSize(20).startsWith("telegram:24").endsWith("telegram:5");
    assertThat(chat.lastText()).contains("The newest 20 entries");
  }

  @Test
  void aScopedOperatorSeesOnlyItsServers() {
    seed(1, "telegram:7", Optional.of("web1"), "allowed");
    seed(2, "telegram:7", Optional.of("db1"), "allowed");
    seed(3, "telegram:7", Optional.empty(), "invalid-confirmation");

    bot.say(WEB_OPERATOR, "audit", chat);

    assertThat(column(2)).containsExactly("power kill web1");
  }

  @Test
  void aFleetWideOperatorAlsoSeesEntriesAboutNoServer() {
    seed(1, "telegram:7", Optional.of("db1"), "allowed");
    seed(2, "telegram:7", Optional.empty(), "invalid-confirmation");

    bot.say(LEAD, "audit", chat);

    assertThat(column(3)).containsExactly("invalid-confirmation", "allowed");
  }

  @Test
  void aServerOutsideTheCallersScopeIsNotShown() {
    seed(1, "telegram:7", Optional.of("db1"), "allowed");

    bot.say(WEB_OPERATOR, "audit db1", chat);

    assertThat(chat.lastText())
        .startsWith("'db1' is neither one of your servers nor a user")
        .contains("Usage: audit [server] [user]");
  }

  @Test
  void filtersByServerAndUser() {
    seed(1, "telegram:7", Optional.of("web1"), "allowed");
    seed(2, "telegram:8", Optional.of("web1"), "denied");
    seed(3, "telegram:7", Optional.of("db1"), "allowed");

    bot.say(LEAD, "audit web1 telegram:7", chat);

    assertThat(chat.last().title()).isEqualTo("Audit trail of web1 for telegram:7");
    assertThat(column(0)).containsExactly("01-01 09:00:01");
  }

  @Test
  void aViewerMayNotReadTheAuditTrail() {
    bot.say(VIEWER, "audit", chat);

    assertThat(chat.lastText()).isEqualTo("You are not allowed to run audit.");
  }

  @Test
  void readingTheAuditIsItselfAudited() {
    bot.say(LEAD, "audit", chat);
    bot.say(LEAD, "audit", chat);

    assertThat(column(2)).containsExactly("audit");
  }

  @Test
  void oneHugeArgumentIsCutInItsCellAndDoesNotWidenTheOthers() {
    seed(1, "telegram:7", Optional.of("web1"), "confirmed");
    audit.record(
        new AuditEntry(
            T0.plusSeconds(2),
            "telegram:7",
            "telegram:-100",
            "shell exec",
            Optional.of("web1"),
            "echo " + "A".repeat(5000) + "\uD83D\uDE00",
            "denied",
            "refused",
            Duration.ZERO,
            "x".repeat(300)));

    bot.say(LEAD, "audit web1", chat);

    List<String> huge = rows().get(0);
    assertThat(huge.get(2))
        .hasSize(AuditCommand.CELL)
        .startsWith("shell exec web1 echo AAA")
        .endsWith("…");
    assertThat(huge.get(3)).hasSize(AuditCommand.CELL).startsWith("denied (xxx").endsWith("…");
    assertThat(rows().get(1))
        .containsExactly(
            "01-01 09:00:01", "telegram:7", "power kill web1", "confirmed", "ok 120 ms");
  }

  @Test
  void aCutNeverSplitsACharacter() {
    String emoji = "\uD83D\uDE00";

    String cut = AuditCommand.cell(emoji.repeat(100));

    assertThat(cut.codePointCount(0, cut.length())).isEqualTo(AuditCommand.CELL);
    assertThat(cut).isEqualTo(emoji.repeat(AuditCommand.CELL - 1) + "…");
  }
}
