package dev.kiwiops.kiwivm;

import static dev.kiwiops.core.testkit.TestBot.binding;
import static dev.kiwiops.core.testkit.TestBot.caller;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.testkit.CollectingConversation;
import dev.kiwiops.core.testkit.ConfirmPrompt;
import dev.kiwiops.core.testkit.TestBot;
import dev.kiwiops.simulator.KiwiVmSimulator;
import dev.kiwiops.simulator.ServerSpec;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole safety path over real HTTP: the core with the real client against the simulator, which
 * counts the {@code kill} calls it receives.
 */
class ConfirmedKillOverHttpTest {
  private static final Caller OPERATOR = caller("console:ops");
  private static final Caller VIEWER = caller("console:vic");

  private KiwiVmSimulator sim;
  private KiwiVmClient client;
  private TestBot bot;
  private FleetServer web1;
  private final CollectingConversation chat = new CollectingConversation();

  @BeforeEach
  void start() {
    sim = KiwiVmSimulator.start(0).lockDuration(Duration.ZERO);
    client = KiwiVmClient.builder(sim.apiBase()).timeout(Duration.ofSeconds(10)).build();
    bot =
        TestBot.builder(client)
            .bind(binding("console:ops", "operator"))
            .bind(binding("console:vic", "viewer"))
            .build();
    web1 = bot.server("web1");
    sim.addServer(ServerSpec.kvm(web1.veid(), web1.apiKey().reveal(), "web1.example.net"));
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  @Test
  void viewersKillNeverReachesTheApi() {
    bot.say(VIEWER, "power kill web1", chat);

    assertThat(chat.lastText()).isEqualTo("You are not allowed to run power kill.");
    assertThat(sim.calls()).isEmpty();
  }

  @Test
  void confirmedKillReachesTheApiExactlyOnceHoweverOftenConfirmIsSent() {
    bot.say(OPERATOR, "power kill web1", chat);
    String code = ConfirmPrompt.codeIn(chat.lastText());
    String button = chat.last().buttons().get(0).token();
    assertThat(sim.calls(web1.veid(), "kill")).isEmpty();

    bot.say(OPERATOR, "confirm " + code, chat);
    bot.say(OPERATOR, "confirm " + code, chat);
    bot.click(OPERATOR, button, chat);

    assertThat(sim.calls(web1.veid(), "kill")).hasSize(1);
    assertThat(chat.sent().get(1).plainText()).isEqualTo("Killed web1.");
    assertThat(chat.lastText()).startsWith("This confirmation is no longer valid");
  }
}
