package dev.kiwiops.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Identity;
import dev.kiwiops.core.access.Person;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code people} section and access bindings that name a person. */
class PeopleConfigTest {
  private static final String SERVERS = "servers:\n  web1: { veid: 1, api-key: k }\n";
  private static final Map<String, String> ENV = Map.of("ADA_DISCORD", "111111111111111111");

  private static KiwiopsConfig read(String yaml) throws ConfigException {
    return new ConfigLoader(ENV::get).read("kiwiops.yml", new StringReader(yaml));
  }

  private static List<String> problemsOf(String yaml) {
    try {
      read(yaml);
      throw new AssertionError("expected problems");
    } catch (ConfigException e) {
      return e.getMessage().lines().toList();
    }
  }

  @Test
  void peopleAndAPersonBindingAreRead() throws ConfigException {
    KiwiopsConfig config =
        read(
            SERVERS
                + "people:\n"
                + "  - name: ada\n"
                + "    identities: [\"discord:111111111111111111\", \"telegram:222\","
                + " \"console:ada\"]\n"
                + "  - { name: bob, identities: \"console:bob\" }\n"
                + "access:\n"
                + "  - { user: \"person:ada\", roles: [operator] }\n");

    assertThat(config.people())
        .containsExactly(
            new Person(
                "ada",
                List.of(
                    Identity.parse("discord:111111111111111111"),
                    Identity.parse("telegram:222"),
                    Identity.console("ada"))),
            new Person("bob", List.of(Identity.console("bob"))));
    assertThat(config.access().get(0).identity()).isEqualTo(Identity.parse("person:ada"));
  }

  @Test
  void anIdentityMayComeFromTheEnvironment() throws ConfigException {
    KiwiopsConfig config =
        read(SERVERS + "people:\n  - { name: ada, identities: [\"discord:${ADA_DISCORD}\"] }\n");

    assertThat(config.people().get(0).identities())
        .containsExactly(Identity.parse("discord:111111111111111111"));
  }

  @Test
  void noPeopleSectionMeansNoPeople() throws ConfigException {
    assertThat(read(SERVERS).people()).isEmpty();
  }

  @Test
  void anIdentityOfTwoPeopleIsReportedAtItsOwnLine() {
    assertThat(
            problemsOf(
                SERVERS
                    + "people:\n"
                    + "  - name: ada\n"
                    + "    identities:\n"
                    + "      - \"console:ada\"\n"
                    + "      - \"telegram:7\"\n"
                    + "  - name: eve\n"
                    + "    identities:\n"
                    + "      - \"console:eve\"\n"
                    + "      - \"telegram:7\"\n"))
        .containsExactly(
            "kiwiops.yml:11: people[].identities: 'telegram:7' already belongs to ada; an"
                + " identity is one person's");
  }

  @Test
  void everyProblemOfTheSectionHasItsLine() {
    assertThat(
            problemsOf(
                SERVERS
                    + "people:\n"
                    + "  - { name: ada, identities: [\"console:ada\"], email: a@example.org }\n"
                    + "  - { name: \"Ada L\", identities: [\"console:al\"] }\n"
                    + "  - { name: ada, identities: [\"console:ada2\"] }\n"
                    + "  - { name: bob }\n"
                    + "  - { name: cy, identities: [\"discord-role:9\", \"console\", \"sms:1\"] }\n"
                    + "  - { name: dee, identities: [\"console:dee\", \"console:dee\"] }\n"
                    + "  - { name: eve, identities: [] }\n"
                    + "  - just-a-name\n"))
        .containsExactly(
            "kiwiops.yml:4: people[]: unknown key 'email' (expected one of: identities, name)",
            "kiwiops.yml:5: people[].name: 'Ada L' is not a person's name (lowercase letters,"
                + " digits, _ or -, at most 32)",
            "kiwiops.yml:6: people[].name: the person 'ada' is defined twice",
            "kiwiops.yml:7: people[]: each person needs name and identities",
            "kiwiops.yml:8: people[].identities: 'discord-role:9' is not a user identity"
                + " (discord:, telegram: or console:); a person holds users, not roles or groups",
            "kiwiops.yml:8: people[].identities: an identity looks like kind:id, e.g."
                + " telegram:123456",
            "kiwiops.yml:8: people[].identities: 'sms:1' is not a user identity (discord:,"
                + " telegram: or console:); a person holds users, not roles or groups",
            "kiwiops.yml:9: people[].identities: 'console:dee' is listed twice",
            "kiwiops.yml:10: people[].identities: give at least one identity, like console:eve",
            "kiwiops.yml:11: people[]: expected a mapping of keys to values");
  }

  @Test
  void aBindingOfAnUnknownPersonIsReportedAtItsLine() {
    assertThat(
            problemsOf(
                SERVERS
                    + "people:\n"
                    + "  - { name: ada, identities: [\"console:ada\"] }\n"
                    + "access:\n"
                    + "  - { user: \"person:ada\", roles: [viewer] }\n"
                    + "  - { user: \"person:zed\", roles: [viewer] }\n"
                    + "  - { user: \"mail:x\", roles: [viewer] }\n"))
        .containsExactly(
            "kiwiops.yml:7: access[].user: unknown person 'zed' (people are listed in the people"
                + " section)",
            "kiwiops.yml:8: access[].user: unknown identity kind 'mail' (discord, discord-role,"
                + " telegram, console or person)");
  }

  @Test
  void aPersonWhoseEntryHasAProblemIsNotAlsoAnUnknownPersonInAccess() {
    assertThat(
            problemsOf(
                SERVERS
                    + "people:\n"
                    + "  - { name: ada, identities: [\"discord-role:1\"] }\n"
                    + "access:\n"
                    + "  - { user: \"person:ada\", roles: [viewer] }\n"))
        .hasSize(1)
        .allSatisfy(p -> assertThat(p).startsWith("kiwiops.yml:4: people[].identities:"));
  }
}
