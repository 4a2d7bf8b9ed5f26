package dev.kiwiops.core.complete;

import static dev.kiwiops.core.testkit.TestBot.binding;
import static dev.kiwiops.core.testkit.TestBot.bindingOn;
import static dev.kiwiops.core.testkit.TestBot.caller;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.Secret;
import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.command.CommandCatalog;
import dev.kiwiops.core.complete.Completer.Choice;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.KnownReads.Read;
import dev.kiwiops.core.kiwivm.Snapshot;
import dev.kiwiops.core.testkit.FakeServiceInfo;
import dev.kiwiops.core.testkit.MutableClock;
import dev.kiwiops.core.testkit.QueuedKnownReads;
import dev.kiwiops.core.testkit.RecordingKiwiVm;
import dev.kiwiops.core.testkit.TestCatalogue;
import dev.kiwiops.core.watch.AlertKind;
import dev.kiwiops.core.watch.Incident;
import dev.kiwiops.core.watch.IncidentKey;
import dev.kiwiops.core.watch.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The completer over a recording KiwiVM whose background fetches run only when the test says: a
 * request itself never calls KiwiVM, offers nothing outside the caller's scope, and respects the
 * limit.
 */
class CachedCompleterTest {
  private static final Caller ADA = caller("console:ada");
  private static final Caller TEAM = caller("console:team");

  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final RecordingKiwiVm kiwi = new RecordingKiwiVm();
  private final QueuedKnownReads reads = new QueuedKnownReads(kiwi.port(), clock);
  private final List<FleetServer> servers = new ArrayList<>();
  private final List<Incident> incidents = new ArrayList<>();
  private final AccessPolicy policy;
  private final CachedCompleter completer;

  CachedCompleterTest() {
    for (int i = 1; i <= 40; i++) {
      servers.add(server("web" + i, 1000 + i, "web"));
    }
    servers.add(server("DB1", 2001, "db"));
    servers.add(server("db2", 2002, "db"));
    Fleet fleet = new Fleet(servers);
    policy =
        new AccessPolicy(
            List.of(),
            List.of(
                binding("console:ada", "admin"),
                bindingOn("console:team", "viewer", "web1", "db2")),
            fleet);
    CommandCatalog catalog = TestCatalogue.of(kiwi.port(), () -> policy, clock).catalog();
    completer =
        new CachedCompleter(() -> policy, reads, () -> List.copyOf(incidents), () -> catalog);
  }

  @Test
  void serversAreTheCallersScopeFilteredByPrefixIgnoringCase() {
    assertThat(values(completer.complete(TEAM, "info", Suggestions.SERVERS, none(), "", 25)))
        .containsExactly("web1", "db2");
    assertThat(values(completer.complete(ADA, "info", Suggestions.SERVERS, none(), "db", 25)))
        .containsExactly("DB1", "db2");
    assertThat(values(completer.complete(TEAM, "info", Suggestions.SERVERS, none(), "DB", 25)))
        .containsExactly("db2");
    assertThat(completer.complete(TEAM, "power.kill", Suggestions.SERVERS, none(), "", 25))
        .as("a viewer holds no power.kill anywhere")
        .isEmpty();
    assertThat(kiwi.calls()).isEmpty();
  }

  @Test
  void theLimitBoundsEveryAnswer() {
    assertThat(completer.complete(ADA, "info", Suggestions.SERVERS, none(), "", 25)).hasSize(25);
    assertThat(completer.complete(ADA, "info", Suggestions.SERVERS, none(), "web", 3))
        .extracting(Choice::value)
        .containsExactly("web1", "web2", "web3");
    assertThat(completer.complete(ADA, "info", Suggestions.SERVERS, none(), "", 0)).isEmpty();
    assertThat(completer.complete(ADA, "help", Suggestions.COMMANDS, none(), "", 5)).hasSize(5);
  }

  @Test
  void aMissAnswersAtOnceWithoutKiwiVmAndTheBackgroundFetchFillsTheCache() {
    kiwi.answer("listSnapshots", new ApiResult.Ok<>(List.of(snapshot("s-1.tar.gz", "before"))));

    assertThat(
            completer.complete(
                ADA, "snapshot.restore", Suggestions.SNAPSHOT_FILES, Optional.of("web1"), "", 25))
        .isEmpty();
    assertThat(kiwi.calls()).as("the request itself never calls KiwiVM").isEmpty();
    assertThat(reads.fetched()).containsExactly("web1/snapshot/list");

    assertThat(reads.runFetches()).isEqualTo(1);
    assertThat(kiwi.count("listSnapshots")).isEqualTo(1);

    assertThat(
            completer.complete(
                ADA, "snapshot.restore", Suggestions.SNAPSHOT_FILES, Optional.of("web1"), "S-", 25))
        .containsExactly(new Choice("s-1.tar.gz", "s-1.tar.gz — before"));
    assertThat(reads.fetched()).as("a fresh value asks for nothing more").hasSize(1);
    assertThat(kiwi.count("listSnapshots")).isEqualTo(1);
  }

  @Test
  void aStaleValueIsAnsweredAndRefreshedInTheBackground() {
    reads.remember(servers.get(0), Read.SERVICE_INFO, new FakeServiceInfo().info(), false);

    List<Choice> ipv6 =
        completer.complete(ADA, "rdns", Suggestions.SERVER_IPV6, Optional.of("web1"), "", 25);

    assertThat(ipv6).containsExactly(Choice.of("2001:db8::1"));
    assertThat(kiwi.calls()).isEmpty();
    assertThat(reads.fetched()).containsExactly("web1/getServiceInfo");
  }

  @Test
  void aServerOutsideTheScopeIsNeitherAnsweredNorFetched() {
    reads.remember(servers.get(1), Read.SERVICE_INFO, new FakeServiceInfo().info(), true);

    for (Suggestions kind : Suggestions.values()) {
      if (kind == Suggestions.SERVERS
          || kind == Suggestions.COMMANDS
          || kind == Suggestions.ALERT_IDS) {
        continue;
      }
      assertThat(completer.complete(TEAM, "info", kind, Optional.of("web2"), "", 25))
          .as(kind.name())
          .isEmpty();
      assertThat(completer.complete(TEAM, "info", kind, Optional.of("nosuch"), "", 25))
          .as(kind.name())
          .isEmpty();
    }
    assertThat(reads.fetched()).isEmpty();
    assertThat(kiwi.calls()).isEmpty();
  }

  @Test
  void aLeftOutServerIsTheCallersOnlyOne() {
    AccessPolicy single =
        new AccessPolicy(
            List.of(), List.of(bindingOn("console:solo", "viewer", "db2")), policy.fleet());
    CachedCompleter soloCompleter =
        new CachedCompleter(() -> single, reads, List::of, () -> new CommandCatalog(List.of()));
    reads.remember(servers.get(41), Read.SERVICE_INFO, new FakeServiceInfo().info(), true);

    assertThat(
            soloCompleter.complete(
                caller("console:solo"), "info", Suggestions.SERVER_IPS, none(), "", 25))
        .isNotEmpty();
    assertThat(completer.complete(ADA, "info", Suggestions.SERVER_IPS, none(), "", 25))
        .as("with many servers, none is guessed")
        .isEmpty();
  }

  @Test
  void alertIdsAreThoseOfServersInScope() {
    incidents.add(incident("A1", "web1"));
    incidents.add(incident("A2", "web2"));
    incidents.add(incident("A3", "db2"));

    assertThat(
            values(completer.complete(TEAM, "alerts.ack", Suggestions.ALERT_IDS, none(), "", 25)))
        .isEmpty();
    assertThat(values(completer.complete(TEAM, "alerts", Suggestions.ALERT_IDS, none(), "a", 25)))
        .containsExactly("A1", "A3");
    assertThat(values(completer.complete(ADA, "alerts.ack", Suggestions.ALERT_IDS, none(), "", 25)))
        .containsExactly("A1", "A2", "A3");
  }

  @Test
  void commandsAreThoseTheCallerMayRun() {
    List<String> viewer =
        values(completer.complete(TEAM, "help", Suggestions.COMMANDS, none(), "power", 25));
    List<String> admin =
        values(completer.complete(ADA, "help", Suggestions.COMMANDS, none(), "power", 25));

    assertThat(viewer).isEmpty();
    assertThat(admin).contains("power kill", "power start");
    assertThat(values(completer.complete(TEAM, "help", Suggestions.COMMANDS, none(), "", 50)))
        .contains("help", "whoami", "info", "servers")
        .doesNotContain("shell exec");
  }

  @Test
  void longLabelsAreCutToWhatDiscordShows() {
    kiwi.answer(
        "listSnapshots", new ApiResult.Ok<>(List.of(snapshot("s-2.tar.gz", "x".repeat(300)))));
    completer.complete(
        ADA, "snapshot.list", Suggestions.SNAPSHOT_FILES, Optional.of("web1"), "", 25);
    reads.runFetches();

    List<Choice> choices =
        completer.complete(
            ADA, "snapshot.list", Suggestions.SNAPSHOT_FILES, Optional.of("web1"), "", 25);

    assertThat(choices).hasSize(1);
    assertThat(choices.get(0).label()).hasSize(CachedCompleter.MAX_LABEL);
    assertThat(choices.get(0).value()).isEqualTo("s-2.tar.gz");
  }

  private static List<String> values(List<Choice> choices) {
    return choices.stream().map(Choice::value).toList();
  }

  private static Optional<String> none() {
    return Optional.empty();
  }

  private static FleetServer server(String name, long veid, String tag) {
    return new FleetServer(name, veid, Secret.of("private_key_" + veid), Set.of(tag));
  }

  private static Snapshot snapshot(String file, String description) {
    return new Snapshot(file, "debian", description, 1, 1, "", false, Duration.ofDays(1), "", "");
  }

  private Incident incident(String id, String server) {
    return new Incident(
        id,
        new IncidentKey(AlertKind.DOWN, server, ""),
        Severity.CRITICAL,
        server + " is down",
        "body",
        List.of(),
        clock.instant(),
        clock.instant(),
        Optional.empty(),
        Optional.empty());
  }
}
