package dev.kiwiops.core.testkit;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.Identity;
import dev.kiwiops.core.Secret;
import dev.kiwiops.core.access.AccessControl;
import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.access.Binding;
import dev.kiwiops.core.access.People;
import dev.kiwiops.core.access.Person;
import dev.kiwiops.core.audit.AuditTrail;
import dev.kiwiops.core.audit.InMemoryAuditTrail;
import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandCatalog;
import dev.kiwiops.core.command.Dispatcher;
import dev.kiwiops.core.commands.InMemoryStopRecords;
import dev.kiwiops.core.commands.PowerStopLedger;
import dev.kiwiops.core.confirm.ConfirmationBook;
import dev.kiwiops.core.confirm.ConfirmationRules;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.reply.Conversation;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A whole core wired like production, for tests that speak the console protocol: the standard
 * catalogue plus {@link SecretArgumentCommand}, a reloadable policy, confirmations on a {@link
 * MutableClock}, and the given KiwiVM port and audit trail.
 *
 * <p>The default fleet is {@code web1} (tags prod, web, veid 1001) and {@code db1} (tag db, veid
 * 1002).
 */
public final class TestBot {
  public static final ChatRef CHAT = new ChatRef("console", "tty", true);
  public static final ChatRef OTHER_CHAT = new ChatRef("telegram", "-100200", false);

  public final MutableClock clock;
  public final Fleet fleet;
  public final AccessControl access;
  public final ConfirmationBook confirmations;
  public final AuditTrail audit;
  public final SecretArgumentCommand vault = new SecretArgumentCommand();
  public final Dispatcher dispatcher;

  private TestBot(Builder b) {
    this.clock = b.clock;
    this.fleet = new Fleet(b.servers);
    this.access =
        new AccessControl(new AccessPolicy(List.of(), b.bindings, new People(b.people), fleet));
    this.confirmations = new ConfirmationBook(b.rules, clock, clock, new SecureRandom());
    this.audit = b.audit;
    PowerStopLedger stops =
        b.stops != null ? b.stops : new PowerStopLedger(new InMemoryStopRecords(), clock);
    List<Command> commands =
        new ArrayList<>(
            TestCatalogue.of(b.kiwi, access, clock).audit(audit).stops(stops).catalog().all());
    commands.add(vault);
    this.dispatcher =
        new Dispatcher(
            new CommandCatalog(commands), access, confirmations, audit, fleet, b.kiwi, clock);
  }

  public static Builder builder(KiwiVm kiwi) {
    return new Builder(kiwi);
  }

  /** Types {@code line} as {@code caller} in {@link #CHAT}. */
  public void say(Caller caller, String line, Conversation conversation) {
    dispatcher.handle(caller, CHAT, line, conversation);
  }

  /** Clicks a button carrying {@code token} as {@code caller} in {@link #CHAT}. */
  public void click(Caller caller, String token, Conversation conversation) {
    dispatcher.click(caller, CHAT, token, conversation, Optional.empty());
  }

  /** Replaces the bindings in force (keeping the people), as a configuration reload would. */
  public void rebind(List<Binding> bindings) {
    access.replace(new AccessPolicy(List.of(), bindings, access.get().people(), fleet));
  }

  /** Replaces the people in force (keeping the bindings), as a configuration reload would. */
  public void relink(List<Person> people) {
    access.replace(new AccessPolicy(List.of(), access.get().bindings(), new People(people), fleet));
  }

  /** A person called {@code name} with these identities ({@code discord:42}, …). */
  public static Person person(String name, String... identities) {
    return new Person(name, java.util.Arrays.stream(identities).map(Identity::parse).toList());
  }

  public FleetServer server(String name) {
    return fleet.find(name).orElseThrow();
  }

  /** A binding of {@code role} for {@code identity} on the whole fleet. */
  public static Binding binding(String identity, String role) {
    return new Binding(Identity.parse(identity), Set.of(role), Set.of(), Set.of());
  }

  /** A binding of {@code role} for {@code identity} on the named servers only. */
  public static Binding bindingOn(String identity, String role, String... servers) {
    return new Binding(Identity.parse(identity), Set.of(role), Set.of(servers), Set.of());
  }

  public static Caller caller(String identity) {
    return Caller.of(Identity.parse(identity));
  }

  /** Builds a {@link TestBot}; every method returns this builder. */
  public static final class Builder {
    private final KiwiVm kiwi;
    private MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private List<FleetServer> servers =
        List.of(
            new FleetServer(
                "web1", 1001, Secret.of("private_aaaaaaaaaaaaaaaaaaaaaaaa"), Set.of("prod", "web")),
            new FleetServer(
                "db1", 1002, Secret.of("private_bbbbbbbbbbbbbbbbbbbbbbbb"), Set.of("db")));
    private final List<Binding> bindings = new ArrayList<>();
    private final List<Person> people = new ArrayList<>();
    private ConfirmationRules rules = ConfirmationRules.defaults();
    private AuditTrail audit = new InMemoryAuditTrail();
    private PowerStopLedger stops;

    private Builder(KiwiVm kiwi) {
      this.kiwi = kiwi;
    }

    public Builder servers(List<FleetServer> value) {
      this.servers = List.copyOf(value);
      return this;
    }

    public Builder bind(Binding binding) {
      bindings.add(binding);
      return this;
    }

    /** Links identities of one person (the {@code people} section). */
    public Builder person(Person value) {
      people.add(value);
      return this;
    }

    public Builder rules(ConfirmationRules value) {
      this.rules = value;
      return this;
    }

    public Builder audit(AuditTrail value) {
      this.audit = value;
      return this;
    }

    /** The ledger the power commands record stops in (default: a fresh in-memory one). */
    public Builder stops(PowerStopLedger value) {
      this.stops = value;
      return this;
    }

    public Builder clock(MutableClock value) {
      this.clock = value;
      return this;
    }

    public TestBot build() {
      return new TestBot(this);
    }
  }
}
