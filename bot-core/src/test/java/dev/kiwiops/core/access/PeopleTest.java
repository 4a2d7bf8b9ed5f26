package dev.kiwiops.core.access;

import static dev.kiwiops.core.testkit.TestBot.binding;
import static dev.kiwiops.core.testkit.TestBot.caller;
import static dev.kiwiops.core.testkit.TestBot.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiwiops.core.Identity;
import dev.kiwiops.core.Secret;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.fleet.FleetServer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The people directory and bindings that name a person. */
class PeopleTest {
  final Fleet fleet =
      new Fleet(
          List.of(
              new FleetServer(
                  "web1", 1001, Secret.of("private_aaaaaaaaaaaaaaaaaaaaaaaa"), Set.of("prod"))));
  final People people =
      new People(
          List.of(
              person("ada", "discord:42", "telegram:7", "console:ada"),
              person("bob", "console:bob")));

  @Test
  void anyIdentityOfAPersonFindsThePerson() {
    assertThat(people.of(Identity.parse("telegram:7")).map(Person::name)).hasValue("ada");
    assertThat(people.of(Identity.parse("console:bob")).map(Person::name)).hasValue("bob");
    assertThat(people.of(Identity.parse("console:carl"))).isEmpty();
  }

  @Test
  void samePersonMeansOneIdentityOrTwoOfOnePerson() {
    assertThat(people.samePerson(Identity.parse("discord:42"), Identity.parse("console:ada")))
        .isTrue();
    assertThat(people.samePerson(Identity.parse("discord:42"), Identity.parse("console:bob")))
        .isFalse();
    assertThat(people.samePerson(Identity.parse("console:x"), Identity.parse("console:x")))
        .isTrue();
    assertThat(people.samePerson(Identity.parse("console:x"), Identity.parse("console:y")))
        .isFalse();
    assertThat(People.NONE.samePerson(Identity.parse("discord:42"), Identity.parse("console:ada")))
        .isFalse();
  }

  @Test
  void anIdentityBelongsToOnePersonAtMost() {
    assertThatThrownBy(
            () -> new People(List.of(person("ada", "discord:42"), person("eve", "discord:42"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("discord:42 already belongs to ada, so not to eve");
    assertThatThrownBy(
            () -> new People(List.of(person("ada", "discord:1"), person("ada", "discord:2"))))
        .hasMessage("person ada is defined twice");
  }

  @Test
  void aPersonHoldsUsersNeverGroupsAndHasAReadableName() {
    assertThatThrownBy(() -> person("ada", "discord-role:9"))
        .hasMessageContaining("cannot belong to a person");
    assertThatThrownBy(() -> person("Ada Lovelace", "discord:1"))
        .hasMessageContaining("is not a person's name");
    assertThatThrownBy(() -> person("ada")).hasMessageContaining("needs at least one identity");
    assertThatThrownBy(() -> person("ada", "discord:1", "discord:1"))
        .hasMessageContaining("listed twice");
  }

  @Test
  void aPersonBindingGrantsToEveryIdentityOfThatPersonOnly() {
    AccessPolicy policy =
        new AccessPolicy(List.of(), List.of(binding("person:ada", "operator")), people, fleet);
    Optional<FleetServer> web1 = fleet.find("web1");

    assertThat(policy.allows(caller("discord:42"), "power.kill", web1)).isTrue();
    assertThat(policy.allows(caller("telegram:7"), "power.kill", web1)).isTrue();
    assertThat(policy.allows(caller("console:ada"), "power.kill", web1)).isTrue();
    assertThat(policy.allows(caller("console:bob"), "power.kill", web1)).isFalse();
    assertThat(policy.allows(caller("console:carl"), "status", web1)).isFalse();
    assertThat(policy.scope(caller("telegram:7"), "power.kill"))
        .extracting(FleetServer::name)
        .containsExactly("web1");
  }

  @Test
  void withoutThePersonTheBindingGrantsNothing() {
    AccessPolicy linked =
        new AccessPolicy(List.of(), List.of(binding("person:ada", "viewer")), people, fleet);
    AccessPolicy unlinked =
        new AccessPolicy(
            List.of(),
            List.of(binding("person:ada", "viewer")),
            new People(List.of(person("ada", "console:ada"))),
            fleet);

    assertThat(linked.allows(caller("telegram:7"), "status", fleet.find("web1"))).isTrue();
    assertThat(unlinked.allows(caller("telegram:7"), "status", fleet.find("web1"))).isFalse();
  }

  @Test
  void boundIdentitiesListAPersonsOwnIdentitiesOnceEach() {
    AccessPolicy policy =
        new AccessPolicy(
            List.of(),
            List.of(
                binding("telegram:7", "viewer"),
                binding("person:ada", "operator"),
                binding("discord-role:9", "viewer"),
                binding("person:bob", "viewer")),
            people,
            fleet);

    assertThat(policy.boundIdentities())
        .extracting(Identity::toString)
        .containsExactly(
            "telegram:7", "discord:42", "console:ada", "discord-role:9", "console:bob");
  }

  @Test
  void aBindingOfAnUnknownPersonIsRefused() {
    assertThatThrownBy(
            () ->
                new AccessPolicy(
                    List.of(), List.of(binding("person:zed", "viewer")), people, fleet))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown person: zed");
  }
}
