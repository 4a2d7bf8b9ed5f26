package dev.kiwiops.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.console.AttachmentFolder;
import dev.kiwiops.console.ConsoleChat;
import dev.kiwiops.console.ConsoleOutput;
import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.Identity;
import dev.kiwiops.core.audit.AuditEntry;
import dev.kiwiops.core.audit.AuditQuery;
import dev.kiwiops.core.platform.ChatPlatform;
import dev.kiwiops.core.testkit.CollectingConversation;
import dev.kiwiops.simulator.KiwiVmSimulator;
import dev.kiwiops.store.Database;
import dev.kiwiops.store.JdbcAuditTrail;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One person across platforms, from the configuration file through the console and the host to the
 * simulator over HTTP and a real SQLite store: four eyes are two people, the audit names the
 * person, {@code whoami} shows it, and a reload links identities for the next command.
 */
class PeopleEndToEndTest {
  private static final String ADA_DISCORD = "discord:111111111111111111";

  @TempDir Path dir;
  private KiwiVmSimulator sim;
  private Host host;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @BeforeEach
  void start() {
    sim = KiwiVmSimulator.startDemoFleet(0, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    if (host != null) {
      host.shutdown();
    }
    sim.close();
  }

  private Path config() throws Exception {
    Path file = dir.resolve("kiwiops.yml");
    Files.writeString(
        file,
        "kiwivm: { api-url: \""
            + sim.apiBase()
            + "\", timeout: 10s }\n"
            + "servers:\n"
            + "  web1: { veid: 1001, api-key: \""
            + KiwiVmSimulator.DEMO_KEYS.get(1001L)
            + "\", tags: [prod] }\n"
            + "people:\n"
            + "  - name: ada\n"
            + "    identities: [\""
            + ADA_DISCORD
            + "\", \"console:ada\"]\n"
            + "  - { name: bob, identities: [\"console:bob\"] }\n"
            + "access:\n"
            + "  - { user: \"person:ada\", roles: [operator] }\n"
            + "  - { user: \"person:bob\", roles: [operator] }\n"
            + "confirm: { approval: [power.kill] }\n"
            + "store: { url: \"jdbc:sqlite:data/test.db\" }\n");
    return file;
  }

  private ConsoleChat chat(Kiwiops app, String identity) throws Exception {
    return new ConsoleChat(
        app.dispatcher(),
        Caller.of(Identity.parse(identity)),
        new ConsoleOutput(
            new PrintStream(out, true, StandardCharsets.UTF_8), AttachmentFolder.chosen(dir)));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String codeIn(String text, String verb) {
    int at = text.lastIndexOf("`" + verb + " ") + verb.length() + 2;
    return text.substring(at, text.indexOf('`', at));
  }

  @Test
  void adaOnDiscordCannotApproveAdaOnTheConsoleButBobCanAndTheStoreNamesThePeople()
      throws Exception {
    Path config = config();
    try (Kiwiops app = Kiwiops.assemble(ConfigLoader.load(config), List.of(), false)) {
      ConsoleChat ada = chat(app, "console:ada");
      ada.handle("power kill web1");
      ada.handle("confirm " + codeIn(out(), "confirm"));
      String code = codeIn(out(), "approve");

      chat(app, ADA_DISCORD).handle("approve " + code);
      assertThat(out())
          .contains(
              "Approval must come from someone else: console:ada and "
                  + ADA_DISCORD
                  + " are both ada.");
      assertThat(sim.calls(1001, "kill")).isEmpty();

      chat(app, "console:bob").handle("approve " + code);
    }

    assertThat(sim.calls(1001, "kill")).hasSize(1);
    JdbcAuditTrail stored =
        new JdbcAuditTrail(Database.open("jdbc:sqlite:" + dir.resolve("data/test.db")));
    List<AuditEntry> entries = stored.recent(AuditQuery.everything(20));
    assertThat(entries)
        .filteredOn(e -> e.decision().equals("approval-refused"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.identity()).isEqualTo(ADA_DISCORD);
              assertThat(e.person()).hasValue("ada");
              assertThat(e.detail()).isEqualTo("same person ada");
            });
    assertThat(entries)
        .filteredOn(e -> e.decision().equals("approval-given"))
        .singleElement()
        .satisfies(e -> assertThat(e.person()).hasValue("bob"));
    assertThat(stored.recent(AuditQuery.everything(20).byPerson("ada")))
        .extracting(AuditEntry::identity)
        .containsOnly("console:ada", ADA_DISCORD);
  }

  @Test
  void whoamiOnTheConsoleShowsThePerson() throws Exception {
    int code =
        Main.run(
            new String[] {
              "console", "--config", config().toString(), "--user", "ada", "--no-watch"
            },
            new ByteArrayInputStream("whoami\n".getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(code).isZero();
    assertThat(out())
        .contains("ada (" + ADA_DISCORD + ", console:ada)")
        .contains("person:ada")
        .contains("operator");
  }

  @Test
  void aReloadLinksIdentitiesForTheNextCommand() throws Exception {
    int port = RunFixture.freePort();
    String admin = "  - { user: \"console:alice\", roles: [admin] }\n";
    String grant = "  - { user: \"person:ada\", roles: [viewer] }\n";
    Path file =
        RunFixture.write(
            dir,
            RunFixture.yaml(
                sim,
                port,
                admin + grant,
                "people:\n  - { name: ada, identities: [\"console:ada\"] }\n"));
    host =
        new Host(
                file,
                new ConfigLoader(RunFixture.ENV::get).read(file),
                RunFixture.ENV::get,
                none(),
                Clock.systemUTC(),
                true)
            .start();
    Caller adaOnTelegram = Caller.of(Identity.parse("telegram:222"));
    assertThat(say(adaOnTelegram, "info web1")).contains("not allowed");

    Files.writeString(
        file,
        RunFixture.yaml(
            sim,
            port,
            admin + grant,
            "people:\n  - { name: ada, identities: [\"console:ada\", \"telegram:222\"] }\n"));
    assertThat(say(Caller.of(Identity.console("alice")), "reload")).contains("Reloaded");

    assertThat(say(adaOnTelegram, "info web1")).doesNotContain("not allowed").contains("web1");
    assertThat(say(adaOnTelegram, "whoami")).contains("Person: ada (console:ada, telegram:222)");
  }

  private String say(Caller caller, String line) {
    CollectingConversation conversation = new CollectingConversation();
    host.app().dispatcher().handle(caller, new ChatRef("console", "tty", true), line, conversation);
    return conversation.lastText();
  }

  private static Platforms none() {
    return new Platforms() {
      @Override
      public List<String> ids(KiwiopsConfig config) {
        return List.of();
      }

      @Override
      public List<ChatPlatform> build(KiwiopsConfig config, Kiwiops app) {
        return List.of();
      }
    };
  }
}
