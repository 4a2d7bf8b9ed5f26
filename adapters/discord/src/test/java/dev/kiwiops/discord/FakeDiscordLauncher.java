package dev.kiwiops.discord;

import java.io.IOException;

/**
 * The fake Discord ({@link FakeDiscord}: REST and gateway) for code outside this module's tests:
 * the footprint benchmark starts it in its own process through this module's test-jar, so that
 * {@code kiwiops run} can connect to Discord without the network. Production code never depends on
 * it.
 */
public final class FakeDiscordLauncher {
  private FakeDiscordLauncher() {}

  /**
   * Where the running fake answers, and what to configure: {@code discord.api-url}, {@code
   * discord.gateway-url}, the one guild it has and a token it accepts.
   */
  public record Endpoints(String apiUrl, String gatewayUrl, String guild, String token) {}

  /** Starts the fake on free loopback ports; it runs until the JVM exits. */
  public static Endpoints start() throws IOException {
    FakeDiscord fake = new FakeDiscord();
    return new Endpoints(fake.apiUrl(), fake.gatewayUrl(), FakeDiscord.GUILD, FakeDiscord.TOKEN);
  }

  /** Prints the endpoints and runs until killed. */
  public static void main(String[] args) throws IOException, InterruptedException {
    System.out.println(start());
    Thread.currentThread().join();
  }
}
