package dev.kiwiops.benchmarks;

import dev.kiwiops.discord.FakeDiscordLauncher;
import dev.kiwiops.simulator.KiwiVmSimulator;
import dev.kiwiops.simulator.ServerSpec;
import dev.kiwiops.telegram.FakeBotApiLauncher;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * What {@code benchmarks/scripts/footprint.sh} runs beside {@code kiwiops run}: the KiwiVM
 * simulator with a fleet of {@code SERVERS} KVM servers, the fake Telegram Bot API and the fake
 * Discord (REST and gateway) of the adapters' tests, all on free loopback ports in this one
 * process; then it writes {@code DIR/kiwiops.yml} (0600) that enables both chat platforms against
 * those fakes, puts the store in {@code DIR/data/}, and prints {@code FAKES READY http-port=N}.
 * Runs until killed.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.kiwiops.benchmarks.FootprintFakes DIR [SERVERS]
 * </pre>
 */
public final class FootprintFakes {
  /** A token the fake Bot API accepts (any token works; the shape is Telegram's). */
  static final String TELEGRAM_TOKEN = "123456789:AAHfootprintFakeTokenOnly_abcdefghij";

  /** The first simulated server's veid; the others follow. */
  static final long FIRST_VEID = 5001;

  private FootprintFakes() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: FootprintFakes DIR [SERVERS]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    int servers = args.length > 1 ? Integer.parseInt(args[1]) : 50;

    KiwiVmSimulator sim = KiwiVmSimulator.start(0);
    StringBuilder fleet = new StringBuilder("servers:\n");
    for (int i = 1; i <= servers; i++) {
      String name = String.format("vps%02d", i);
      String key = "private_" + String.format("%024d", i);
      sim.addServer(ServerSpec.kvm(FIRST_VEID + i - 1, key, name + ".example.net"));
      fleet
          .append("  ")
          .append(name)
          .append(": { veid: ")
          .append(FIRST_VEID + i - 1)
          .append(", api-key: \"")
          .append(key)
          .append("\", tags: [")
          .append(i % 2 == 0 ? "web" : "db")
          .append("] }\n");
    }
    URI telegram = FakeBotApiLauncher.start(TELEGRAM_TOKEN);
    FakeDiscordLauncher.Endpoints discord = FakeDiscordLauncher.start();
    int httpPort = freePort();

    String yaml =
        "# Written by FootprintFakes for benchmarks/scripts/footprint.sh: fake keys and tokens.\n"
            + "kiwivm: { api-url: \""
            + sim.apiBase()
            + "\" }\n"
            + fleet
            + "access:\n"
            + "  - { user: \"telegram:100\", roles: [admin] }\n"
            + "  - { user: \"discord:100000000000000001\", roles: [admin] }\n"
            + "store: { url: \"jdbc:sqlite:data/kiwiops.db\" }\n"
            + "http: { port: "
            + httpPort
            + ", bind: 127.0.0.1 }\n"
            + "telegram: { token: \""
            + TELEGRAM_TOKEN
            + "\", api-url: \""
            + telegram
            + "\" }\n"
            + "discord:\n"
            + "  token: \""
            + discord.token()
            + "\"\n"
            + "  guilds: [\""
            + discord.guild()
            + "\"]\n"
            + "  api-url: \""
            + discord.apiUrl()
            + "\"\n"
            + "  gateway-url: \""
            + discord.gatewayUrl()
            + "\"\n";
    write(dir.resolve("kiwiops.yml"), yaml);
    System.out.println("FAKES READY http-port=" + httpPort + " servers=" + servers);
    System.out.flush();
    Thread.currentThread().join();
  }

  /** Writes {@code text} to a new 0600 file; refuses to follow a link or replace a file. */
  private static void write(Path file, String text) throws IOException {
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(file + " exists already");
    }
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(
        file, text, StandardCharsets.UTF_8, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
