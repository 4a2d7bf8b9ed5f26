package dev.kiwiops.benchmarks;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.audit.AuditTrail;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.testkit.TestBot;
import dev.kiwiops.store.Database;
import dev.kiwiops.store.JdbcAuditTrail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One chat line through the real {@code Dispatcher} (tokenize, match, access, parse, run or refuse,
 * audit, reply), wired as the core's tests wire it, with KiwiVM answering from memory: the bot's
 * own cost per command.
 *
 * <p>{@code audit=discard} leaves the store out; {@code audit=sqlite} writes every entry to a real
 * SQLite file through {@code JdbcAuditTrail}, as the default configuration does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DispatcherBenchmark {
  private static final Caller OPERATOR = TestBot.caller("console:olga");
  private static final Caller VIEWER = TestBot.caller("console:victor");

  @Param({"discard", "sqlite"})
  public String audit;

  private TestBot bot;
  private Discard.Chat chat;
  private Path databaseFile;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    AuditTrail trail;
    if (audit.equals("sqlite")) {
      databaseFile = Files.createTempFile("kiwiops-bench-audit", ".db");
      trail = new JdbcAuditTrail(Database.open("jdbc:sqlite:" + databaseFile));
    } else {
      trail = new Discard.Audit();
    }
    bot =
        TestBot.builder(CannedKiwiVm.answeringServiceInfo())
            .bind(TestBot.binding("console:olga", "operator"))
            .bind(TestBot.binding("console:victor", "viewer"))
            .audit(trail)
            .build();
    chat = new Discard.Chat();
    // Measure the paths we mean to: a rendered info card, and a refusal.
    expect(infoWeb1(), "Hostname", "info web1");
    expect(refusedPowerKill(), "You are not allowed to run power kill", "viewer's power kill");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    if (databaseFile != null) {
      Files.deleteIfExists(databaseFile);
    }
  }

  /** An operator's {@code info web1}: a read, run at once and audited. */
  @Benchmark
  public Reply infoWeb1() {
    bot.dispatcher.handle(OPERATOR, TestBot.CHAT, "info web1", chat);
    return chat.last;
  }

  /** A viewer's {@code power kill web1}: refused by the access policy and audited as denied. */
  @Benchmark
  public Reply refusedPowerKill() {
    bot.dispatcher.handle(VIEWER, TestBot.CHAT, "power kill web1", chat);
    return chat.last;
  }

  private static void expect(Reply reply, String text, String what) {
    if (reply == null || !reply.plainText().contains(text)) {
      throw new IllegalStateException(
          what + " did not answer as expected: " + (reply == null ? "nothing" : reply.plainText()));
    }
  }
}
