package dev.kiwiops.core.commands;

import static dev.kiwiops.core.testkit.TestBot.binding;
import static dev.kiwiops.core.testkit.TestBot.caller;
import static dev.kiwiops.core.testkit.TestBot.person;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.audit.InMemoryAuditTrail;
import dev.kiwiops.core.reply.Block;
import dev.kiwiops.core.testkit.CollectingConversation;
import dev.kiwiops.core.testkit.RecordingKiwiVm;
import dev.kiwiops.core.testkit.TestBot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code whoami} and {@code audit} show of the person behind an identity. */
class PeopleCommandsTest {
  private static final Caller ADA_DISCORD = caller("discord:111111111111111111");
  private static final Caller ADA_CONSOLE = caller("console:ada");
  private static final Caller CARL = caller("console:carl");

  private final InMemoryAuditTrail audit = new InMemoryAuditTrail();
  private final TestBot bot =
      TestBot.builder(new RecordingKiwiVm().port())
          .audit(audit)
          .person(person("ada", "discord:111111111111111111", "telegram:222222", "console:ada"))
          .bind(binding("person:ada", "operator"))
          .bind(binding("console:ada", "admin"))
          .bind(binding("console:carl", "operator"))
          .build();
  private final CollectingConversation chat = new CollectingConversation();

  private List<List<String>> rows() {
    return chat.last().blocks().stream()
        .filter(b -> b instanceof Block.Table)
        .map(b -> ((Block.Table) b).rows())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void whoamiShowsThePersonWithAllTheirIdentitiesAndTheGrantThroughIt() {
    bot.say(ADA_DISCORD, "whoami", chat);

    assertThat(chat.lastText())
        .contains("Identity: discord:111111111111111111")
        .contains("Person: ada (discord:111111111111111111, telegram:222222, console:ada)")
        .contains("Roles via person:ada: operator on all servers")
        .doesNotContain("admin");
  }

  @Test
  void whoamiOfAnIdentityInAPersonShowsItsOwnAndThePersonsRoles() {
    bot.say(ADA_CONSOLE, "whoami", chat);

    assertThat(chat.lastText())
        .contains("Person: ada (")
        .contains("Roles: admin on all servers")
        .contains("Roles via person:ada: operator on all servers");
  }

  @Test
  void whoamiOfAnIdentityInNoPersonHasNoPersonLine() {
    bot.say(CARL, "whoami", chat);

    assertThat(chat.lastText()).contains("Identity: console:carl").doesNotContain("Person");
  }

  @Test
  void theAuditShowsThePersonBesideTheIdentity() {
    bot.say(ADA_DISCORD, "status web1", chat);
    bot.say(CARL, "status web1", chat);

    bot.say(ADA_CONSOLE, "audit", chat);

    assertThat(rows())
        .extracting(r -> r.get(1))
        .containsExactly("console:carl", "discord:111111111111111111 (ada)");
  }

  @Test
  void theAuditFiltersByPersonAcrossTheirIdentities() {
    bot.say(ADA_DISCORD, "status web1", chat);
    bot.say(CARL, "status web1", chat);
    bot.say(caller("telegram:222222"), "status db1", chat);

    bot.say(CARL, "audit ada", chat);
    assertThat(chat.last().title()).isEqualTo("Audit trail for person:ada");
    assertThat(rows())
        .extracting(r -> r.get(1))
        .containsExactly("telegram:222222 (ada)", "discord:111111111111111111 (ada)");

    bot.say(CARL, "audit web1 person:ada", chat);
    assertThat(rows())
        .extracting(r -> r.get(1))
        .containsExactly("discord:111111111111111111 (ada)");
  }

  @Test
  void anUnknownPersonIsAShortUsageError() {
    bot.say(CARL, "audit person:zed", chat);
    assertThat(chat.lastText()).contains("There is no person called 'zed'.");

    bot.say(CARL, "audit zed", chat);
    assertThat(chat.lastText()).contains("'zed' is neither one of your servers");
  }
}
