package dev.kiwiops.core.testkit;

import dev.kiwiops.core.commands.InMemoryStopRecords;
import dev.kiwiops.core.commands.PowerStopLedger;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.watch.AlertRouter;
import dev.kiwiops.core.watch.AlertSink;
import dev.kiwiops.core.watch.AlertStateStore;
import dev.kiwiops.core.watch.Destination;
import dev.kiwiops.core.watch.InMemoryAlertStore;
import dev.kiwiops.core.watch.Outbox;
import dev.kiwiops.core.watch.Watcher;
import dev.kiwiops.core.watch.WatcherSettings;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A {@link Watcher} for tests that read every alert from one console sink: everything is routed to
 * that sink, cycles come on a {@link ManualScheduler} without jitter, stops are counted in a ledger
 * and the random source has a fixed seed.
 *
 * <p>Unless replaced: the default interval, an {@link InMemoryAlertStore} and a fresh in-memory
 * stop ledger.
 */
public final class TestWatcher {
  private final Fleet fleet;
  private final KiwiVm kiwi;
  private final AlertSink console;
  private final ManualScheduler scheduler;
  private final MutableClock clock;
  private WatcherSettings settings = WatcherSettings.defaults().withJitter(Duration.ZERO);
  private AlertStateStore state;
  private Outbox outbox;
  private PowerStopLedger stops;

  private TestWatcher(
      Fleet fleet, KiwiVm kiwi, AlertSink console, ManualScheduler scheduler, MutableClock clock) {
    this.fleet = fleet;
    this.kiwi = kiwi;
    this.console = console;
    this.scheduler = scheduler;
    this.clock = clock;
    InMemoryAlertStore store = new InMemoryAlertStore();
    this.state = store;
    this.outbox = store;
    this.stops = new PowerStopLedger(new InMemoryStopRecords(), clock);
  }

  /** A watcher of {@code fleet} through {@code kiwi} that announces to {@code console}. */
  public static TestWatcher of(
      Fleet fleet, KiwiVm kiwi, AlertSink console, ManualScheduler scheduler, MutableClock clock) {
    return new TestWatcher(fleet, kiwi, console, scheduler, clock);
  }

  public TestWatcher interval(Duration value) {
    this.settings = settings.withInterval(value);
    return this;
  }

  /** Where the incidents and the outbox live (one store holds both, as in production). */
  public <S extends AlertStateStore & Outbox> TestWatcher store(S value) {
    this.state = value;
    this.outbox = value;
    return this;
  }

  /** The ledger of servers stopped through the bot (shared with the power commands). */
  public TestWatcher stops(PowerStopLedger value) {
    this.stops = value;
    return this;
  }

  public Watcher build() {
    return new Watcher(
        fleet,
        kiwi,
        settings,
        AlertRouter.everythingTo(Destination.console()),
        List.of(console),
        state,
        outbox,
        stops,
        scheduler,
        clock,
        new SplittableRandom(1));
  }
}
