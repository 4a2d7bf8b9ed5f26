package dev.kiwiops.benchmarks;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.command.Action;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.confirm.ConfirmationBook;
import dev.kiwiops.core.confirm.ConfirmationRules;
import dev.kiwiops.core.confirm.PendingConfirmation;
import dev.kiwiops.core.confirm.Redemption;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.testkit.TestBot;
import dev.kiwiops.core.testkit.TestCatalogue;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A confirmation's life in the real {@code ConfirmationBook}, wired as production wires it (system
 * ticker and clock, {@code new SecureRandom()}): ask for one, then redeem it by its button's token
 * or by its typed code. Each round trip leaves the book as empty as it found it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ConfirmationBookBenchmark {
  private static final Caller CALLER = TestBot.caller("console:olga");
  private static final ChatRef CHAT = TestBot.CHAT;

  private ConfirmationBook book;
  private CommandSpec powerKill;
  private Action killWeb1;

  @Setup(Level.Trial)
  public void setUp() {
    book =
        new ConfirmationBook(
            ConfirmationRules.defaults(),
            Ticker.systemTicker(),
            Clock.systemUTC(),
            new SecureRandom());
    TestBot bot = TestBot.builder(CannedKiwiVm.answeringServiceInfo()).build();
    powerKill =
        TestCatalogue.of(CannedKiwiVm.answeringServiceInfo(), bot.access, bot.clock)
            .catalog()
            .match(List.of("power", "kill"))
            .orElseThrow()
            .spec();
    killWeb1 = Action.on(bot.server("web1"), List.of(), context -> Reply.text("killed"));
    if (!(requestThenRedeemByToken() instanceof Redemption.Redeemed)
        || !(requestThenRedeemByCode() instanceof Redemption.Redeemed)) {
      throw new IllegalStateException("a confirmation was not redeemed");
    }
  }

  /** A confirmation button clicked: redeemed by its 128-bit token. */
  @Benchmark
  public Redemption requestThenRedeemByToken() {
    PendingConfirmation pending = book.request(CALLER, CHAT, powerKill, killWeb1);
    return book.redeem(pending.token(), CALLER, CHAT);
  }

  /** {@code confirm CODE} typed: redeemed by its six-letter code. */
  @Benchmark
  public Redemption requestThenRedeemByCode() {
    PendingConfirmation pending = book.request(CALLER, CHAT, powerKill, killWeb1);
    return book.redeem(pending.code(), CALLER, CHAT);
  }
}
