package dev.kiwiops.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.reply.Attachment;
import dev.kiwiops.core.watch.Alert;
import dev.kiwiops.core.watch.AlertKind;
import dev.kiwiops.core.watch.IncidentKey;
import dev.kiwiops.core.watch.Severity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleAlertSinkTest {
  @TempDir Path attachments;

  @Test
  void anAlertIsPrintedWithItsButtonsAndItsAttackLogWrittenToAFile() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ConsoleOutput output =
        new ConsoleOutput(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            AttachmentFolder.chosen(attachments));
    Alert alert =
        new Alert(
            "A7",
            new IncidentKey(AlertKind.NULLROUTE, "web1", "192.0.2.1"),
            Severity.CRITICAL,
            Alert.Phase.RAISED,
            Instant.parse("2026-01-01T00:00:00Z"),
            "web1: DDoS nullroute on 192.0.2.1",
            "Traffic to 192.0.2.1 is null-routed.",
            Optional.of(Attachment.text("nullroute-web1-192.0.2.1.txt", "UDP flood 40 Gbps")),
            List.of());

    Optional<String> reference = new ConsoleAlertSink(output).deliver("", alert);

    assertThat(reference).isEmpty();

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("[CRITICAL] A7 web1: DDoS nullroute on 192.0.2.1")
        .contains("Traffic to 192.0.2.1 is null-routed.")
        .contains("[Ack: alerts ack A7]")
        .contains("[Snooze 1h: alerts snooze A7 1h]")
        .contains("attachment: ");
    try (var files = Files.list(attachments)) {
      Path log = files.findFirst().orElseThrow();
      assertThat(log.getFileName().toString()).endsWith("nullroute-web1-192.0.2.1.txt");
      assertThat(Files.readString(log)).isEqualTo("UDP flood 40 Gbps");
    }
  }

  @Test
  void anEditOfAnEarlierAlertIsPrintedAsOneLineWithoutButtons() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ConsoleOutput output =
        new ConsoleOutput(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            AttachmentFolder.chosen(attachments));
    Alert resolved =
        new Alert(
            "A7",
            new IncidentKey(AlertKind.NULLROUTE, "web1", "192.0.2.1"),
            Severity.CRITICAL,
            Alert.Phase.RESOLVED,
            Instant.parse("2026-01-01T00:10:00Z"),
            "web1: DDoS nullroute on 192.0.2.1",
            "The nullroute was lifted.",
            Optional.empty(),
            List.of());

    new ConsoleAlertSink(output).update("", "any", resolved);

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed.strip())
        .isEqualTo("(update) [RESOLVED] A7 web1: DDoS nullroute on 192.0.2.1")
        .doesNotContain("alerts ack");
  }
}
