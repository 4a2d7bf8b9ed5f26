package dev.kiwiops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiwiops.core.reply.Attachment;
import dev.kiwiops.core.reply.Button;
import dev.kiwiops.core.reply.ButtonToken;
import dev.kiwiops.core.watch.Alert;
import dev.kiwiops.core.watch.AlertKind;
import dev.kiwiops.core.watch.AlertStoreException;
import dev.kiwiops.core.watch.Delivery;
import dev.kiwiops.core.watch.Destination;
import dev.kiwiops.core.watch.Incident;
import dev.kiwiops.core.watch.IncidentKey;
import dev.kiwiops.core.watch.OutboxMessage;
import dev.kiwiops.core.watch.Severity;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database behind {@link JdbcAlertStore} must do; one subclass per dialect supplies a
 * fresh, empty database for each test. {@link #open()} opens it anew, as a restarted bot would.
 */
abstract class JdbcAlertStoreContract {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final IncidentKey KEY = new IncidentKey(AlertKind.POLICY_VIOLATION, "web1", "77");
  private static final List<Button> RESOLVE =
      List.of(Button.of("Resolve", ButtonToken.resolve("web1", 77), Button.Style.DANGER));

  private String url;

  /** The JDBC URL of an empty database that no other test uses. */
  abstract String freshDatabaseUrl() throws Exception;

  @BeforeEach
  void createDatabase() throws Exception {
    url = freshDatabaseUrl();
  }

  private JdbcAlertStore open() throws SQLException {
    return new JdbcAlertStore(Database.open(url));
  }

  private static Incident incident(String id) {
    return new Incident(
        id,
        KEY,
        Severity.CRITICAL,
        "web1: policy violation #77",
        "suspended in 3 hours",
        RESOLVE,
        T0,
        T0,
        Optional.empty(),
        Optional.empty());
  }

  private static Alert alert(String id, Alert.Phase phase) {
    return new Alert(
        id,
        KEY,
        Severity.CRITICAL,
        phase,
        T0,
        "web1: policy violation #77",
        "suspended in 3 hours",
        Optional.of(Attachment.text("violation-web1-77.txt", "evidence\twith tab\nand lines")),
        RESOLVE);
  }

  @Test
  void anIncidentAndItsMessagesSurviveAReopen() throws SQLException {
    JdbcAlertStore store = open();
    store.opened(
        incident("A1"),
        List.of(
            new OutboxMessage(Destination.console(), alert("A1", Alert.Phase.RAISED)),
            new OutboxMessage(Destination.parse("discord:42"), alert("A1", Alert.Phase.RAISED))));

    JdbcAlertStore reopened = open();

    assertThat(reopened.openIncidents()).containsExactly(incident("A1"));
    assertThat(reopened.pending())
        .extracting(Delivery::destination, Delivery::alert, Delivery::attempts)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Destination.console(), alert("A1", Alert.Phase.RAISED), 0),
            org.assertj.core.groups.Tuple.tuple(
                Destination.parse("discord:42"), alert("A1", Alert.Phase.RAISED), 0));
  }

  @Test
  void acknowledgementAndSnoozeArePersistedAndClosingEndsTheIncident() throws SQLException {
    JdbcAlertStore store = open();
    store.opened(incident("A1"), List.of());
    Incident updated =
        incident("A1")
            .acknowledged("telegram:5")
            .snoozed(T0.plusSeconds(3600))
            .notifiedAt(T0.plusSeconds(900));
    store.updated(updated, List.of());

    assertThat(open().openIncidents()).containsExactly(updated);

    store.closed(updated, T0.plusSeconds(4000), List.of());
    assertThat(open().openIncidents()).isEmpty();
  }

  @Test
  void theCurrentDescriptionOfAnOpenIncidentSurvivesAReopen() throws SQLException {
    JdbcAlertStore store = open();
    store.opened(incident("A1"), List.of());
    Incident current = incident("A1").describedAs("suspended in 2 hours");

    store.updated(current, List.of());

    assertThat(open().openIncidents()).containsExactly(current);
  }

  @Test
  void alertNumbersKeepCountingAcrossReopens() throws SQLException {
    JdbcAlertStore store = open();
    store.nextAlertNumber();
    store.nextAlertNumber();

    assertThat(open().nextAlertNumber()).isEqualTo(3);
  }

  @Test
  void failedDeliveriesKeepTheirAttemptsAndDeliveredOnesAreGone() throws SQLException {
    JdbcAlertStore store = open();
    store.opened(
        incident("A1"),
        List.of(
            new OutboxMessage(Destination.console(), alert("A1", Alert.Phase.RAISED)),
            new OutboxMessage(Destination.console(), alert("A1", Alert.Phase.REMINDER))));
    List<Delivery> pending = store.pending();

    store.failed(pending.get(0).id(), 2, T0.plusSeconds(10), "IOException: down");
    store.delivered(pending.get(1).id());

    assertThat(open().pending())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.alert().phase()).isEqualTo(Alert.Phase.RAISED);
              assertThat(d.attempts()).isEqualTo(2);
              assertThat(d.nextAttemptAt()).isEqualTo(T0.plusSeconds(10));
            });
  }

  @Test
  void aSecondOpenIncidentWithTheSameKeyIsRefusedAndQueuesNothing() throws SQLException {
    JdbcAlertStore store = open();
    store.opened(incident("A1"), List.of());

    assertThatThrownBy(
            () ->
                store.opened(
                    incident("A2"),
                    List.of(
                        new OutboxMessage(Destination.console(), alert("A2", Alert.Phase.RAISED)))))
        .isInstanceOf(AlertStoreException.class);
    assertThat(store.pending()).isEmpty();
    assertThat(store.openIncidents()).extracting(Incident::alertId).containsExactly("A1");
  }

  @Test
  void aClosedKeyCanOpenAgain() throws SQLException {
    JdbcAlertStore store = open();
    store.opened(incident("A1"), List.of());
    store.closed(incident("A1"), T0.plusSeconds(60), List.of());

    store.opened(incident("A2"), List.of());

    assertThat(store.openIncidents()).extracting(Incident::alertId).containsExactly("A2");
  }

  @Test
  void textFromKiwiVmWithANulCharacterIsStoredWithTheNulReplaced() throws SQLException {
    // Nullroute logs and violation texts come verbatim from KiwiVM; PostgreSQL refuses U+0000 in
    // text, and a refused write would lose the alert.
    Incident incident =
        new Incident(
            "A1",
            KEY,
            Severity.CRITICAL,
            "web1: policy\u0000 violation",
            "log: a\u0000b",
            RESOLVE,
            T0,
            T0,
            Optional.empty(),
            Optional.empty());
    Alert alert =
        new Alert(
            "A1",
            KEY,
            Severity.CRITICAL,
            Alert.Phase.RAISED,
            T0,
            "web1: policy\u0000 violation",
            "log: a\u0000b",
            Optional.empty(),
            RESOLVE);
    JdbcAlertStore store = open();

    store.opened(incident, List.of(new OutboxMessage(Destination.console(), alert)));
    store.failed(store.pending().get(0).id(), 1, T0.plusSeconds(5), "IOException: \u0000");

    assertThat(open().openIncidents())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.title()).isEqualTo("web1: policy\uFFFD violation");
              assertThat(i.body()).isEqualTo("log: a\uFFFDb");
            });
    assertThat(open().pending())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.alert().body()).isEqualTo("log: a\uFFFDb");
              assertThat(d.attempts()).isEqualTo(1);
            });
  }
}
