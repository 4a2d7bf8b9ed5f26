package dev.kiwiops.store;

import static dev.kiwiops.core.testkit.TestBot.binding;
import static dev.kiwiops.core.testkit.TestBot.caller;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.audit.AuditEntry;
import dev.kiwiops.core.audit.AuditQuery;
import dev.kiwiops.core.confirm.ConfirmationRules;
import dev.kiwiops.core.testkit.CollectingConversation;
import dev.kiwiops.core.testkit.RecordingKiwiVm;
import dev.kiwiops.core.testkit.TestBot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret argument (here {@code vault open}'s token, masked by its command like {@code snapshot
 * import}'s) never reaches the audit store, on any path: refused, malformed, asked, cancelled,
 * confirmed, approved, expired.
 */
class AuditMaskingTest {
  private static final String TOKEN = "tok-3f9a1c77e2b54d0b8c6e";
  private static final Caller ADMIN = caller("console:ada");
  private static final Caller SECOND = caller("console:bob");
  private static final Caller VIEWER = caller("console:vic");

  @TempDir Path dir;

  @Test
  void theTokenIsNeitherInAnyEntryNorAnywhereInTheDatabaseFile() throws SQLException, IOException {
    Path file = dir.resolve("kiwiops.db");
    JdbcAuditTrail trail = new JdbcAuditTrail(Database.open("jdbc:sqlite:" + file));
    TestBot bot =
        TestBot.builder(new RecordingKiwiVm().port())
            .audit(trail)
            .rules(ConfirmationRules.defaults().withApproval(List.of("vault.open")))
            .bind(binding("console:ada", "admin"))
            .bind(binding("console:bob", "admin"))
            .bind(binding("console:vic", "viewer"))
            .build();
    CollectingConversation chat = new CollectingConversation();

    bot.say(VIEWER, "vault open web1 " + TOKEN, chat);
    bot.say(ADMIN, "vault open web1 " + TOKEN + " extra", chat);
    bot.say(ADMIN, "vault open " + TOKEN, chat);
    bot.say(ADMIN, "vault open web1 " + TOKEN, chat);
    bot.say(ADMIN, "cancel " + code(chat, "confirm"), chat);
    bot.say(ADMIN, "vault open web1 " + TOKEN, chat);
    bot.clock.advance(Duration.ofSeconds(61));
    bot.say(ADMIN, "vault open web1 " + TOKEN, chat);
    bot.say(ADMIN, "confirm " + code(chat, "confirm"), chat);
    bot.say(SECOND, "approve " + code(chat, "approve"), chat);

    assertThat(bot.vault.opened()).containsExactly("web1");
    List<AuditEntry> entries = trail.recent(AuditQuery.everything(100));
    assertThat(entries)
        .extracting(AuditEntry::decision)
        .contains(
            "denied",
            "invalid",
            "pending",
            "cancelled",
            "expired",
            "awaiting-approval",
            "approved");
    assertThat(entries).allSatisfy(e -> assertThat(e.toString()).doesNotContain(TOKEN));
    assertThat(entries)
        .filteredOn(e -> e.decision().equals("approved"))
        .extracting(AuditEntry::arguments)
        .containsExactly("******");
    for (Path stored : databaseFiles(file)) {
      assertThat(new String(Files.readAllBytes(stored), StandardCharsets.ISO_8859_1))
          .as(stored.getFileName().toString())
          .doesNotContain(TOKEN);
    }
  }

  private static List<Path> databaseFiles(Path file) throws IOException {
    try (Stream<Path> files = Files.list(file.getParent())) {
      return files.filter(p -> p.getFileName().toString().startsWith("kiwiops.db")).toList();
    }
  }

  private static String code(CollectingConversation chat, String verb) {
    String text = chat.lastText();
    int at = text.indexOf("`" + verb + " ") + verb.length() + 2;
    return text.substring(at, text.indexOf('`', at));
  }
}
