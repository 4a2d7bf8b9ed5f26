package dev.kiwiops.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Identity;
import dev.kiwiops.core.Secret;
import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.access.Binding;
import dev.kiwiops.core.audit.InMemoryAuditTrail;
import dev.kiwiops.core.command.CommandCatalog;
import dev.kiwiops.core.command.Dispatcher;
import dev.kiwiops.core.complete.CachedCompleter;
import dev.kiwiops.core.complete.Completer;
import dev.kiwiops.core.confirm.ConfirmationBook;
import dev.kiwiops.core.confirm.ConfirmationRules;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.testkit.ManualScheduler;
import dev.kiwiops.core.testkit.MutableClock;
import dev.kiwiops.core.testkit.TestCatalogue;
import dev.kiwiops.core.watch.Alert;
import dev.kiwiops.core.watch.AlertKind;
import dev.kiwiops.core.watch.IncidentKey;
import dev.kiwiops.core.watch.Severity;
import dev.kiwiops.kiwivm.KiwiVmClient;
import dev.kiwiops.simulator.KiwiVmSimulator;
import dev.kiwiops.simulator.ServerSpec;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter end to end: real JDA against the local fake Discord, the real core and KiwiVM client
 * against the simulator over HTTP.
 */
class DiscordEndToEndTest {
  static final String ADMIN = "100000000000000111";
  static final String OTHER_OPERATOR = "100000000000000333";
  static final String STRANGER = "100000000000000444";
  static final String ROLE_MEMBER = "100000000000000555";
  static final String OPERATOR_ROLE = "300000000000000222";
  static final FleetServer WEB =
      new FleetServer("web", 4242, Secret.of("private_Qx7Lm2Np8Rt4Vw6Yz0Ab3Cd5"), Set.of());
  static final FleetServer LEGACY =
      new FleetServer("legacy", 4444, Secret.of("private_Za2Yb4Xc6Wd8Ve0Uf2Tg4Sh6"), Set.of());
  static final FleetServer DB =
      new FleetServer("db", 4343, Secret.of("private_Ef9Gh1Jk3Mn5Pq7St9Uv1Wx3"), Set.of());
  static final String APP = FakeDiscord.BOT_ID;

  private final MutableClock clock = MutableClock.at("2026-01-10T12:00:00Z");
  private FakeDiscord discord;
  private KiwiVmSimulator sim;
  private KiwiVmClient client;
  private DiscordPlatform platform;
  private Dispatcher dispatcher;

  @BeforeEach
  void start() throws Exception {
    discord = new FakeDiscord(OPERATOR_ROLE);
    sim = KiwiVmSimulator.start(0, clock).snapshotDelay(Duration.ZERO);
    sim.addServer(ServerSpec.kvm(WEB.veid(), WEB.apiKey().reveal(), "web.example.net"));
    sim.addServer(ServerSpec.kvm(DB.veid(), DB.apiKey().reveal(), "db.example.net"));
    sim.addServer(ServerSpec.ovz(LEGACY.veid(), LEGACY.apiKey().reveal(), "legacy.example.net"));
    client =
        KiwiVmClient.builder(sim.apiBase()).timeout(Duration.ofSeconds(10)).ticker(clock).build();
    Fleet fleet = new Fleet(List.of(WEB, DB, LEGACY));
    AccessPolicy policy =
        new AccessPolicy(
            List.of(),
            List.of(
                new Binding(new Identity("discord", ADMIN), Set.of("admin"), Set.of(), Set.of()),
                new Binding(
                    new Identity("discord", OTHER_OPERATOR), Set.of("admin"), Set.of(), Set.of()),
                new Binding(
                    new Identity("discord-role", OPERATOR_ROLE),
                    Set.of("operator"),
                    Set.of("web"),
                    Set.of())),
            fleet);
    CommandCatalog catalog =
        TestCatalogue.of(client, () -> policy, clock)
            .progressOn(new ManualScheduler(clock))
            .catalog();
    dispatcher =
        new Dispatcher(
            catalog,
            () -> policy,
            new ConfirmationBook(
                ConfirmationRules.defaults().withTtl(Duration.ofSeconds(60)),
                clock,
                clock,
                new SecureRandom()),
            new InMemoryAuditTrail(),
            fleet,
            client,
            clock);
    // One worker: interactions run one after another in the order a test sends them, so a reply to
    // one means every earlier interaction has finished.
    DiscordSettings settings =
        new DiscordSettings(
            Secret.of(FakeDiscord.TOKEN),
            List.of(FakeDiscord.GUILD),
            discord.apiUrl(),
            discord.gatewayUrl(),
            1,
            64,
            Duration.ofSeconds(15));
    Completer completer = new CachedCompleter(() -> policy, client, List::of, () -> catalog);
    platform = new DiscordPlatform(settings, dispatcher, catalog, Optional.of(completer), clock);
    platform.start();
  }

  @AfterEach
  void stop() throws Exception {
    platform.stop(Duration.ofSeconds(5));
    client.close();
    sim.close();
    discord.close();
  }

  @Test
  void logsInLightAndRegistersTheCatalogueInTheGuild() {
    assertThat(platform.health().up()).isTrue();
    DataArray commands =
        DataArray.fromJson(
            discord
                .await(
                    "PUT",
                    "/api/v10/applications/" + APP + "/guilds/" + FakeDiscord.GUILD + "/commands")
                .json());
    List<String> names =
        commands.stream(DataArray::getObject).map(c -> c.getString("name")).toList();
    assertThat(names).contains("info", "power", "snapshot", "confirm", "help");
    DataObject power =
        commands.stream(DataArray::getObject)
            .filter(c -> c.getString("name").equals("power"))
            .findFirst()
            .orElseThrow();
    DataObject kill =
        power.getArray("options").stream(DataArray::getObject)
            .filter(o -> o.getString("name").equals("kill"))
            .findFirst()
            .orElseThrow();
    assertThat(kill.getArray("options").getObject(0).getString("name")).isEqualTo("server");
    assertThat(discord.requests("PUT", "/api/v10/applications/\\d+/commands")).isEmpty();

    DataObject identify =
        discord.gatewayReceived().stream()
            .filter(p -> p.getInt("op") == 2)
            .findFirst()
            .orElseThrow();
    // Only the GUILDS bit that JDA always sets: no optional intent, no member events.
    assertThat(identify.getObject("d").getInt("intents")).isEqualTo(1);
  }

  @Test
  void aPermittedMemberGetsInfoAsAnEmbed() {
    String token = slash(ADMIN, List.of(), "info", null, Map.of("server", "web"));

    DataObject callback = callback(token);
    assertThat(callback.getInt("type")).isEqualTo(5);
    assertThat(ephemeral(callback.optObject("data").orElse(DataObject.empty()))).isFalse();
    DataObject reply = original(token);
    assertThat(reply.getArray("embeds").length()).isEqualTo(1);
    assertThat(text(reply)).contains("web");
  }

  @Test
  void autocompleteOffersOnlyTheCallersServers() {
    DataObject asMember =
        discord.autocomplete(ROLE_MEMBER, List.of(OPERATOR_ROLE), "power", "restart", "server", "");
    discord.dispatchInteraction(asMember);
    assertThat(choices(asMember.getString("token"))).containsExactly("web");

    DataObject asAdmin = discord.autocomplete(ADMIN, List.of(), "power", "restart", "server", "");
    discord.dispatchInteraction(asAdmin);
    assertThat(choices(asAdmin.getString("token")))
        .containsExactlyInAnyOrder("web", "db", "legacy");

    DataObject withPrefix =
        discord.autocomplete(ADMIN, List.of(), "power", "restart", "server", "d");
    discord.dispatchInteraction(withPrefix);
    assertThat(choices(withPrefix.getString("token"))).containsExactly("db");
  }

  @Test
  void anUnknownMemberIsRefusedAndNothingIsSent() {
    String token = slash(STRANGER, List.of(), "power", "restart", Map.of("server", "web"));

    assertThat(text(original(token))).contains("not allowed");
    assertThat(sim.calls(WEB.veid(), "restart")).isEmpty();
  }

  @Test
  void aRoleGrantsAccessOnlyWhileTheMemberHoldsIt() {
    String withRole =
        slash(ROLE_MEMBER, List.of(OPERATOR_ROLE), "power", "restart", Map.of("server", "web"));
    assertThat(text(original(withRole))).contains("Restart requested");
    assertThat(sim.calls(WEB.veid(), "restart")).hasSize(1);

    String withoutRole = slash(ROLE_MEMBER, List.of(), "power", "restart", Map.of("server", "web"));
    assertThat(text(original(withoutRole))).contains("not allowed");
    assertThat(sim.calls(WEB.veid(), "restart")).hasSize(1);
  }

  @Test
  void aConfirmationButtonRunsOnceForTheRequesterOnly() {
    String token = slash(ADMIN, List.of(), "power", "kill", Map.of("server", "web"));
    DataObject prompt = original(token);
    String confirm = customIds(prompt).get(0);
    assertThat(confirm).startsWith("c:").hasSizeLessThanOrEqualTo(64);
    String promptId = discord.originalOf(token);

    String other = clickToken(OTHER_OPERATOR, confirm, promptId);
    DataObject refusal = followUp(other);
    assertThat(ephemeral(refusal)).isTrue();
    assertThat(sim.calls(WEB.veid(), "kill")).isEmpty();

    String mine = clickToken(ADMIN, confirm, promptId);
    DataObject settled = original(mine);
    assertThat(customIds(settled)).isEmpty();
    assertThat(customIds(discord.message(promptId))).isEmpty();
    assertThat(text(followUp(mine))).doesNotContainIgnoringCase("not allowed");
    assertThat(sim.calls(WEB.veid(), "kill")).hasSize(1);

    String again = clickToken(ADMIN, confirm, promptId);
    assertThat(ephemeral(followUp(again))).isTrue();
    assertThat(sim.calls(WEB.veid(), "kill")).hasSize(1);
  }

  @Test
  void anUnansweredPromptIsEditedWithoutButtonsWhenTheSweepFindsItExpired() {
    String token = slash(ADMIN, List.of(), "power", "kill", Map.of("server", "web"));
    assertThat(customIds(original(token))).hasSize(2);
    String promptId = discord.originalOf(token);
    String later = slash(ADMIN, List.of(), "info", null, Map.of("server", "web"));
    original(later); // the prompt's interaction has finished too (one worker)
    String promptPath = "/api/v10/webhooks/" + APP + "/" + token + "/messages/@original";
    assertThat(discord.requests("PATCH", promptPath)).hasSize(1);

    clock.advance(Duration.ofSeconds(61));
    dispatcher.recordLapsed(); // what the scheduler runs every minute
    dispatcher.recordLapsed();

    List<FakeDiscord.Request> edits = discord.requests("PATCH", promptPath);
    assertThat(edits).hasSize(2);
    DataObject expired = edits.get(1).data();
    assertThat(expired.getArray("components").length()).isZero();
    assertThat(text(expired)).contains("Expired: nothing was sent.");
    assertThat(customIds(discord.message(promptId))).isEmpty();
    assertThat(sim.calls(WEB.veid(), "kill")).isEmpty();
  }

  @Test
  void aSecretReplyIsEphemeralFromTheStart() {
    String token = slash(ADMIN, List.of(), "password", "reset", Map.of("server", "web"));
    DataObject callback = callback(token);
    assertThat(ephemeral(callback.getObject("data"))).isTrue();
    String confirm = customIds(original(token)).get(0);

    String click = clickToken(ADMIN, confirm, discord.originalOf(token));
    DataObject answer = followUp(click);
    assertThat(ephemeral(answer)).isTrue();
    assertThat(sim.calls(WEB.veid(), "resetRootPassword")).hasSize(1);
    String password = sim.server(WEB.veid()).rootPassword();
    assertThat(text(answer)).contains(password);
    for (FakeDiscord.Request request : discord.requests()) {
      if (request.json().contains(password)) {
        assertThat(ephemeral(request.data())).as(request.path()).isTrue();
      }
    }
  }

  @Test
  void theClonePasswordIsAskedInAModalAndNeverShown() {
    String token =
        slash(
            ADMIN,
            List.of(),
            "clone",
            null,
            Map.of("server", "legacy", "ip", "198.51.100.20", "ssh_port", 22L));
    String confirm = customIds(original(token)).get(0);
    String click = clickToken(ADMIN, confirm, discord.originalOf(token));
    FakeDiscord.Request asked = discord.await("POST", "/api/v10/webhooks/" + APP + "/" + click);
    DataObject question = asked.data();
    assertThat(ephemeral(question)).isTrue();
    String formButton =
        customIds(question).stream().filter(ButtonIds::isSecret).findFirst().orElseThrow();

    String open = clickToken(ADMIN, formButton, asked.answerId());
    DataObject form = callback(open);
    assertThat(form.getInt("type")).isEqualTo(9);
    assertThat(form.getObject("data").getString("custom_id")).isEqualTo(formButton);
    assertThat(sim.calls(LEGACY.veid(), "cloneFromExternalServer")).isEmpty();

    String password = "p'w\"d remote-root-PASSWORD";
    DataObject submit = discord.modalSubmit(ADMIN, formButton, SecretForm.FIELD, password);
    discord.dispatchInteraction(submit);
    assertThat(ephemeral(callback(submit.getString("token")).getObject("data"))).isTrue();
    original(submit.getString("token"));

    assertThat(sim.calls(LEGACY.veid(), "cloneFromExternalServer")).hasSize(1);
    assertThat(discord.requests()).noneMatch(r -> r.json().contains("remote-root-PASSWORD"));
  }

  @Test
  void anAlertIsPostedOnceToItsChannelAndEditedLater() throws Exception {
    Alert raised =
        new Alert(
            "A1",
            new IncidentKey(AlertKind.NULLROUTE, "web", "203.0.113.7"),
            Severity.CRITICAL,
            Alert.Phase.RAISED,
            Instant.parse("2026-01-10T12:00:00Z"),
            "web is nullrouted",
            "203.0.113.7 is nullrouted.",
            Optional.empty(),
            List.of());

    Optional<String> ref = platform.deliver(FakeDiscord.ALERT_CHANNEL, raised);

    List<FakeDiscord.Request> posts =
        discord.requests("POST", "/api/v10/channels/" + FakeDiscord.ALERT_CHANNEL + "/messages");
    assertThat(posts).hasSize(1);
    assertThat(text(posts.get(0).data())).contains("A1", "web is nullrouted");
    assertThat(customIds(posts.get(0).data())).contains("a:A1").allMatch(id -> id.length() <= 100);
    assertThat(ref).isPresent();

    Alert resolved =
        new Alert(
            "A1",
            raised.key(),
            Severity.CRITICAL,
            Alert.Phase.RESOLVED,
            Instant.parse("2026-01-10T12:05:00Z"),
            "web is reachable again",
            "",
            Optional.empty(),
            List.of());
    platform.update(FakeDiscord.ALERT_CHANNEL, ref.get(), resolved);
    DataObject edited =
        discord
            .await(
                "PATCH",
                "/api/v10/channels/" + FakeDiscord.ALERT_CHANNEL + "/messages/" + ref.get())
            .data();
    assertThat(text(edited)).contains("RESOLVED");
    assertThat(customIds(edited)).isEmpty();
  }

  @Test
  void aScheduledReportIsPostedToItsChannelWithItsTablesAndChart() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 7};
    dev.kiwiops.core.reply.Reply report =
        dev.kiwiops.core.reply.Reply.builder()
            .title("Fleet report (2 servers)")
            .table(
                List.of("Server", "State", "Transfer"),
                List.of(
                    List.of("web", "ok", "400 GiB of 1000 GiB"), List.of("db", "down", "1 GiB")))
            .text("No open incidents.")
            .attach(dev.kiwiops.core.reply.Attachment.png("fleet-transfer-2026-01-10.png", png))
            .build();

    Optional<String> ref = platform.post(FakeDiscord.ALERT_CHANNEL, report);

    List<FakeDiscord.Request> posts =
        discord.requests("POST", "/api/v10/channels/" + FakeDiscord.ALERT_CHANNEL + "/messages");
    assertThat(posts).hasSize(1);
    assertThat(text(posts.get(0).data()))
        .contains("Fleet report (2 servers)", "web", "400 GiB of 1000 GiB", "No open incidents.");
    assertThat(posts.get(0).files()).containsExactly("fleet-transfer-2026-01-10.png");
    assertThat(customIds(posts.get(0).data())).isEmpty();
    assertThat(ref).isPresent();
  }

  @Test
  void aReplicaThatNoLongerLeadsLeavesInteractionsUnansweredAndRunsNothing() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean leads =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
    platform.actOnlyWhile(
        () -> {
          // Read before signalling: the test flips the answer as soon as it is asked.
          boolean now = leads.get();
          asked.countDown();
          return now;
        });

    String ignored = slash(ADMIN, List.of(), "power", "restart", Map.of("server", "web"));
    assertThat(asked.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    // It leads again: the next interaction is answered; the first one stays unanswered.
    leads.set(true);
    String answered = slash(ADMIN, List.of(), "info", null, Map.of("server", "web"));
    assertThat(callback(answered).getInt("type")).isEqualTo(5);
    original(answered);

    assertThat(discord.requests("POST", "/api/v10/interactions/\\d+/" + ignored + "/callback"))
        .isEmpty();
    assertThat(sim.calls(WEB.veid(), "restart")).isEmpty();
  }

  @Test
  void stopsCleanlyAndClosesTheGatewaySession() {
    platform.stop(Duration.ofSeconds(5));

    assertThat(platform.health().up()).isFalse();
    assertThat(discord.closeFrames()).isEqualTo(1);
  }

  @Test
  void theTokenNeverAppearsInAStartFailure() throws Exception {
    DiscordSettings wrong =
        DiscordSettings.of(Secret.of("wrong-token.SECRET-PART"), List.of())
            .withEndpoints(discord.apiUrl(), discord.gatewayUrl());
    DiscordPlatform rejected =
        new DiscordPlatform(
            wrong, null, TestCatalogue.of(client, () -> null, clock).catalog(), clock);
    try {
      rejected.start();
      throw new AssertionError("a rejected token started");
    } catch (dev.kiwiops.core.platform.PlatformStartException e) {
      assertThat(e.getMessage()).contains("token").doesNotContain("SECRET-PART");
      assertThat(rejected.health().up()).isFalse();
      assertThat(rejected.health().detail()).doesNotContain("SECRET-PART");
    }
  }

  // ------------------------------------------------------------------ helpers

  private String slash(
      String user, List<String> roles, String name, String sub, Map<String, Object> options) {
    DataObject interaction = discord.slash(user, roles, name, sub, options);
    discord.dispatchInteraction(interaction);
    return interaction.getString("token");
  }

  private String clickToken(String user, String customId, String messageId) {
    DataObject interaction = discord.click(user, List.of(), customId, messageId);
    discord.dispatchInteraction(interaction);
    return interaction.getString("token");
  }

  private DataObject callback(String token) {
    return discord.await("POST", "/api/v10/interactions/\\d+/" + token + "/callback").data();
  }

  private List<String> choices(String token) {
    DataObject callback = callback(token);
    assertThat(callback.getInt("type")).isEqualTo(8);
    return callback.getObject("data").getArray("choices").stream(DataArray::getObject)
        .map(c -> c.getString("value"))
        .toList();
  }

  private DataObject original(String token) {
    return discord
        .await("PATCH", "/api/v10/webhooks/" + APP + "/" + token + "/messages/@original")
        .data();
  }

  private DataObject followUp(String token) {
    return discord.await("POST", "/api/v10/webhooks/" + APP + "/" + token).data();
  }

  private static boolean ephemeral(DataObject message) {
    return (message.getInt("flags", 0) & 64) != 0;
  }

  static String text(DataObject message) {
    StringBuilder out = new StringBuilder(message.getString("content", ""));
    message
        .optArray("embeds")
        .ifPresent(
            embeds ->
                embeds.stream(DataArray::getObject)
                    .forEach(
                        e -> {
                          out.append('\n').append(e.getString("title", ""));
                          out.append('\n').append(e.getString("description", ""));
                          e.optArray("fields")
                              .ifPresent(
                                  fs ->
                                      fs.stream(DataArray::getObject)
                                          .forEach(
                                              f ->
                                                  out.append('\n')
                                                      .append(f.getString("name"))
                                                      .append(": ")
                                                      .append(f.getString("value"))));
                        }));
    return out.toString();
  }

  static List<String> customIds(DataObject message) {
    return message.optArray("components").orElseGet(DataArray::empty).stream(DataArray::getObject)
        .flatMap(
            row ->
                row.optArray("components").orElseGet(DataArray::empty).stream(DataArray::getObject))
        .filter(c -> !c.getBoolean("disabled", false))
        .map(c -> c.getString("custom_id", ""))
        .toList();
  }
}
