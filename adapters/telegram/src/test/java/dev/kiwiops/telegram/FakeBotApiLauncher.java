package dev.kiwiops.telegram;

import java.io.IOException;
import java.net.URI;

/**
 * The fake Bot API ({@link FakeBotApi}) for code outside this module's tests: the footprint
 * benchmark starts it in its own process through this module's test-jar, so that {@code kiwiops
 * run} can connect to Telegram without the network. Production code never depends on it.
 */
public final class FakeBotApiLauncher {
  private FakeBotApiLauncher() {}

  /**
   * Starts the fake for {@code token} on a free loopback port; answers its base URL (what {@code
   * telegram.api-url} takes). It answers long polls with no update and runs until the JVM exits.
   */
  public static URI start(String token) throws IOException {
    return FakeBotApi.start(token).url();
  }

  /** {@code FakeBotApiLauncher TOKEN}: prints the URL and runs until killed. */
  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 1) {
      System.err.println("usage: FakeBotApiLauncher TOKEN");
      System.exit(2);
    }
    System.out.println(start(args[0]));
    Thread.currentThread().join();
  }
}
