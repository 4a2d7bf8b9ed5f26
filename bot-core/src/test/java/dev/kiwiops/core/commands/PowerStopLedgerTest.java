package dev.kiwiops.core.commands;

import static dev.kiwiops.core.testkit.TestBot.binding;
import static dev.kiwiops.core.testkit.TestBot.caller;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Identity;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.Done;
import dev.kiwiops.core.testkit.CollectingConversation;
import dev.kiwiops.core.testkit.ConfirmPrompt;
import dev.kiwiops.core.testkit.MutableClock;
import dev.kiwiops.core.testkit.RecordingKiwiVm;
import dev.kiwiops.core.testkit.TestBot;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ledger over its records: a new ledger on the same records is a restarted bot. */
class PowerStopLedgerTest {
  private static final Identity ADA = Identity.console("ada");

  private final MutableClock clock = MutableClock.at("2026-01-01T03:00:00Z");
  private final FlakyRecords records = new FlakyRecords();

  @Test
  void aStopOutlivesARestart() {
    new PowerStopLedger(records, clock).stoppedThroughBot("web1", ADA);

    PowerStopLedger restarted = new PowerStopLedger(records, clock);

    assertThat(restarted.stopOf("web1"))
        .contains(new PowerStopLedger.Stop(ADA, Instant.parse("2026-01-01T03:00:00Z")));
    assertThat(restarted.stopOf("db1")).isEmpty();
  }

  @Test
  void aClearedStopIsGoneAfterARestartToo() {
    PowerStopLedger ledger = new PowerStopLedger(records, clock);
    ledger.stoppedThroughBot("web1", ADA);

    ledger.clear("web1");

    assertThat(ledger.stopOf("web1")).isEmpty();
    assertThat(new PowerStopLedger(records, clock).stopOf("web1")).isEmpty();
  }

  @Test
  void aStopThatCannotBeRecordedIsStillRememberedUntilTheBotRestarts() {
    PowerStopLedger ledger = new PowerStopLedger(records, clock);
    records.failing = true;

    ledger.stoppedThroughBot("web1", ADA);

    assertThat(ledger.stopOf("web1")).isPresent();
    records.failing = false;
    assertThat(new PowerStopLedger(records, clock).stopOf("web1")).isEmpty();
  }

  @Test
  void aStopThatCannotBeForgottenStaysUntilTheNextClearSucceeds() {
    PowerStopLedger ledger = new PowerStopLedger(records, clock);
    ledger.stoppedThroughBot("web1", ADA);
    records.failing = true;

    ledger.clear("web1");

    assertThat(ledger.stopOf("web1")).isPresent();
    records.failing = false;
    ledger.clear("web1");
    assertThat(ledger.stopOf("web1")).isEmpty();
    assertThat(new PowerStopLedger(records, clock).stopOf("web1")).isEmpty();
  }

  @Test
  void stopAndKillThroughTheBotAreRecordedEvenWhenTheRecordsFail() {
    RecordingKiwiVm kiwi =
        new RecordingKiwiVm()
            .running()
            .answer("stop", new ApiResult.Ok<>(Done.INSTANCE))
            .answer("kill", new ApiResult.Ok<>(Done.INSTANCE));
    PowerStopLedger ledger = new PowerStopLedger(records, clock);
    TestBot bot =
        TestBot.builder(kiwi.port())
            .clock(clock)
            .stops(ledger)
            .bind(binding("console:ada", "operator"))
            .build();
    CollectingConversation chat = new CollectingConversation();

    bot.say(caller("console:ada"), "power stop web1", chat);
    bot.say(caller("console:ada"), "confirm " + ConfirmPrompt.codeIn(chat.lastText()), chat);
    records.failing = true;
    bot.say(caller("console:ada"), "power kill db1", chat);
    bot.say(caller("console:ada"), "confirm " + ConfirmPrompt.codeIn(chat.lastText()), chat);

    assertThat(kiwi.count("stop")).isEqualTo(1);
    assertThat(kiwi.count("kill")).isEqualTo(1);
    assertThat(ledger.stopOf("web1")).map(PowerStopLedger.Stop::by).contains(ADA);
    assertThat(ledger.stopOf("db1")).map(PowerStopLedger.Stop::by).contains(ADA);
    records.failing = false;
    assertThat(records.all()).containsOnlyKeys("web1");
  }

  /** In-memory records that throw while {@link #failing}, as a store that is down would. */
  private static final class FlakyRecords implements StopRecords {
    private final InMemoryStopRecords records = new InMemoryStopRecords();
    volatile boolean failing;

    @Override
    public Map<String, PowerStopLedger.Stop> all() {
      check();
      return records.all();
    }

    @Override
    public void put(String server, PowerStopLedger.Stop stop) {
      check();
      records.put(server, stop);
    }

    @Override
    public void remove(String server) {
      check();
      records.remove(server);
    }

    private void check() {
      if (failing) {
        throw new StopRecordsException("store down", null);
      }
    }
  }
}
