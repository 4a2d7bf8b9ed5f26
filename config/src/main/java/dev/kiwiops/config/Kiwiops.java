package dev.kiwiops.config;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.audit.AuditTrail;
import dev.kiwiops.core.command.Dispatcher;
import dev.kiwiops.core.commands.PowerStopLedger;
import dev.kiwiops.core.commands.StandardCommands;
import dev.kiwiops.core.confirm.ConfirmationBook;
import dev.kiwiops.core.confirm.ConfirmationRules;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.kiwivm.KiwiVmClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * The composition root: builds the core and its driven adapters from a validated configuration with
 * plain constructors. Driving adapters (console, Discord, Telegram) take the {@link #dispatcher()}
 * it exposes.
 */
public final class Kiwiops implements AutoCloseable {
  private final KiwiopsConfig config;
  private final KiwiVmClient kiwi;
  private final Fleet fleet;
  private final AccessPolicy policy;
  private final Dispatcher dispatcher;
  private final AuditTrail audit;

  private Kiwiops(KiwiopsConfig config, AuditTrail audit, Clock clock) {
    this.config = config;
    this.audit = audit;
    this.kiwi = KiwiVmClient.builder(config.apiUrl()).timeout(config.timeout()).build();
    this.fleet = new Fleet(config.servers());
    this.policy = new AccessPolicy(config.roles(), config.access(), fleet);
    PowerStopLedger stops = new PowerStopLedger(clock);
    ConfirmationRules rules =
        ConfirmationRules.defaults()
            .withTtl(config.confirmTtl())
            .withApproval(List.copyOf(config.approval()));
    ConfirmationBook confirmations =
        new ConfirmationBook(rules, Ticker.systemTicker(), clock, new SecureRandom());
    this.dispatcher =
        new Dispatcher(
            StandardCommands.catalog(new StandardCommands.Needs(kiwi, policy, clock, stops, audit)),
            policy,
            confirmations,
            audit,
            fleet,
            clock);
  }

  /** Builds everything the configuration describes. */
  public static Kiwiops assemble(KiwiopsConfig config, AuditTrail audit) {
    return new Kiwiops(config, audit, Clock.systemUTC());
  }

  public Dispatcher dispatcher() {
    return dispatcher;
  }

  public Fleet fleet() {
    return fleet;
  }

  public AccessPolicy policy() {
    return policy;
  }

  public AuditTrail audit() {
    return audit;
  }

  public KiwiopsConfig config() {
    return config;
  }

  @Override
  public void close() {
    kiwi.close();
  }
}
