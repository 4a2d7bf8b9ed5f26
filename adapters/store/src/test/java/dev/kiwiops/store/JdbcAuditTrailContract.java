package dev.kiwiops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiwiops.core.audit.AuditEntry;
import dev.kiwiops.core.audit.AuditQuery;
import dev.kiwiops.core.audit.AuditUnavailableException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database behind {@link JdbcAuditTrail} must do; one subclass per dialect supplies a
 * fresh, empty database for each test.
 */
abstract class JdbcAuditTrailContract {
  private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

  private String url;
  private JdbcAuditTrail trail;

  /** The JDBC URL of an empty database that no other test uses. */
  abstract String freshDatabaseUrl() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    url = freshDatabaseUrl();
    trail = new JdbcAuditTrail(Database.open(url));
  }

  static AuditEntry entry(int second, String identity, Optional<String> server, String decision) {
    return new AuditEntry(
        T0.plusSeconds(second),
        identity,
        "telegram:-1001234",
        "power kill",
        server,
        "",
        decision,
        "none",
        Duration.ZERO,
        "");
  }

  @Test
  void everyFieldReadsBackAsWritten() {
    AuditEntry written =
        new AuditEntry(
            T0.plusMillis(1234),
            "discord:123456789012345678",
            "discord:998877",
            "snapshot import",
            Optional.of("web1"),
            "1234567 ****** \"quoted\" ünïcode",
            "approved",
            "api-error 700001",
            Duration.ofMillis(842),
            "approved by telegram:5");

    trail.record(written);

    assertThat(trail.recent(AuditQuery.everything(10))).containsExactly(written);
  }

  @Test
  void aNulTypedInChatIsStoredAsAReplacementCharacterNotLost() {
    AuditEntry typed =
        new AuditEntry(
            T0,
            "console:ada",
            "console:tty",
            "snapshot create",
            Optional.of("web1"),
            "before\u0000upgrade",
            "allowed",
            "ok",
            Duration.ZERO,
            "");

    trail.record(typed);

    assertThat(trail.recent(AuditQuery.everything(10)))
        .singleElement()
        .satisfies(e -> assertThat(e.arguments()).isEqualTo("before\uFFFDupgrade"));
  }

  @Test
  void entryWithoutServerKeepsItsEmptyServer() {
    AuditEntry written = entry(0, "console:ada", Optional.empty(), "invalid-confirmation");

    trail.record(written);

    assertThat(trail.recent(AuditQuery.everything(10))).containsExactly(written);
  }

  @Test
  void newestComeFirstAndTheLimitHolds() {
    for (int i = 0; i < 25; i++) {
      trail.record(entry(i / 5, "console:u" + i, Optional.of("web1"), "allowed"));
    }

    List<AuditEntry> recent = trail.recent(AuditQuery.everything(20));

    assertThat(recent).hasSize(20);
    assertThat(recent.get(0).identity()).isEqualTo("console:u24");
    assertThat(recent.get(19).identity()).isEqualTo("console:u5");
  }

  @Test
  void laterTimeWinsOverLaterInsertion() {
    trail.record(entry(10, "console:late", Optional.of("web1"), "allowed"));
    trail.record(entry(5, "console:early", Optional.of("web1"), "allowed"));

    assertThat(trail.recent(AuditQuery.everything(5)))
        .extracting(AuditEntry::identity)
        .containsExactly("console:late", "console:early");
  }

  @Test
  void serverScopeKeepsOtherServersAndServerlessEntriesOut() {
    trail.record(entry(1, "console:ada", Optional.of("web1"), "allowed"));
    trail.record(entry(2, "console:ada", Optional.of("db1"), "allowed"));
    trail.record(entry(3, "console:ada", Optional.empty(), "invalid"));
    trail.record(entry(4, "console:ada", Optional.of("web2"), "allowed"));

    assertThat(trail.recent(AuditQuery.onServers(Set.of("web1", "web2"), 10)))
        .extracting(e -> e.server().orElseThrow())
        .containsExactly("web2", "web1");
  }

  @Test
  void serverlessEntriesOnlyWhenAskedFor() {
    trail.record(entry(1, "console:ada", Optional.of("web1"), "allowed"));
    trail.record(entry(2, "console:ada", Optional.empty(), "invalid"));

    assertThat(trail.recent(new AuditQuery(Set.of(), true, false, Optional.empty(), 10)))
        .extracting(AuditEntry::decision)
        .containsExactly("allowed");
    assertThat(trail.recent(new AuditQuery(Set.of("db1"), false, true, Optional.empty(), 10)))
        .extracting(AuditEntry::decision)
        .containsExactly("invalid");
    assertThat(trail.recent(new AuditQuery(Set.of(), false, false, Optional.empty(), 10)))
        .isEmpty();
  }

  @Test
  void identityFilterMatchesExactly() {
    trail.record(entry(1, "telegram:5", Optional.of("web1"), "allowed"));
    trail.record(entry(2, "telegram:55", Optional.of("web1"), "denied"));

    assertThat(trail.recent(AuditQuery.everything(10).byIdentity("telegram:5")))
        .extracting(AuditEntry::decision)
        .containsExactly("allowed");
  }

  static AuditEntry byPerson(int second, String identity, Optional<String> person) {
    AuditEntry e = entry(second, identity, Optional.of("web1"), "allowed");
    return new AuditEntry(
        e.at(),
        e.identity(),
        e.chat(),
        e.command(),
        e.server(),
        e.arguments(),
        e.decision(),
        e.outcome(),
        e.duration(),
        e.detail(),
        person);
  }

  @Test
  void thePersonReadsBackAsWrittenAndNoPersonStaysEmpty() {
    AuditEntry ada = byPerson(1, "discord:123456789012345678", Optional.of("ada"));
    AuditEntry stranger = byPerson(2, "telegram:5", Optional.empty());

    trail.record(ada);
    trail.record(stranger);

    assertThat(trail.recent(AuditQuery.everything(10))).containsExactly(stranger, ada);
  }

  @Test
  void thePersonFilterFindsEveryIdentityOfThatPersonAndNoOneElse() {
    trail.record(byPerson(1, "discord:42", Optional.of("ada")));
    trail.record(byPerson(2, "console:ada", Optional.of("ada")));
    trail.record(byPerson(3, "console:bob", Optional.of("bob")));
    trail.record(byPerson(4, "telegram:7", Optional.empty()));

    assertThat(trail.recent(AuditQuery.everything(10).byPerson("ada")))
        .extracting(AuditEntry::identity)
        .containsExactly("console:ada", "discord:42");
    assertThat(trail.recent(AuditQuery.everything(10).byPerson("ada").byIdentity("console:ada")))
        .extracting(AuditEntry::identity)
        .containsExactly("console:ada");
    assertThat(trail.recent(AuditQuery.everything(10).byPerson("nobody"))).isEmpty();
  }

  @Test
  void aRowWrittenWithoutAPersonColumnValueReadsAsNoPerson() throws SQLException {
    // What entries written before the person column existed look like after the migration.
    Database.open(url)
        .transaction(
            c -> {
              c.createStatement()
                  .execute(
                      "INSERT INTO audit_entry (at_ms, actor, chat, command, server_name,"
                          + " arguments, decision, outcome, duration_ms, detail) VALUES (1000,"
                          + " 'console:old', 'console:tty', 'status', 'web1', '', 'allowed',"
                          + " 'ok', 3, '')");
              return null;
            });

    assertThat(trail.recent(AuditQuery.everything(10)))
        .singleElement()
        .satisfies(e -> assertThat(e.person()).isEmpty());
  }

  @Test
  void aNewStoreOnTheSameDatabaseReadsWhatTheOldOneWrote() throws SQLException {
    AuditEntry written = entry(7, "console:ada", Optional.of("web1"), "confirmed");
    trail.record(written);

    JdbcAuditTrail afterRestart = new JdbcAuditTrail(Database.open(url));

    assertThat(afterRestart.recent(AuditQuery.everything(10))).containsExactly(written);
    afterRestart.record(entry(8, "console:bob", Optional.of("web1"), "allowed"));
    assertThat(afterRestart.recent(AuditQuery.everything(10))).hasSize(2);
  }

  @Test
  void aBrokenDatabaseIsReportedNotSwallowed() throws SQLException {
    Database.open(url)
        .transaction(
            c -> {
              c.createStatement().execute("DROP TABLE audit_entry");
              return null;
            });

    assertThatThrownBy(() -> trail.record(entry(1, "console:ada", Optional.empty(), "allowed")))
        .isInstanceOf(AuditUnavailableException.class)
        .hasMessage("the audit trail cannot be written");
    assertThatThrownBy(() -> trail.recent(AuditQuery.everything(1)))
        .isInstanceOf(AuditUnavailableException.class);
  }
}
