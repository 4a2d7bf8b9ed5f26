package dev.kiwiops.core.command;

import dev.kiwiops.core.fleet.FleetServer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed, validated command ready to run: the target server (if any), the arguments exactly as
 * bound (a confirmation is tied to them), a masked copy for the audit trail, an optional warning
 * shown in the confirmation prompt, the execution itself, and, once its {@link Foresight} looked
 * before the prompt, the facts it found ({@code preview}).
 *
 * <p>By convention {@code arguments} starts with the server's fleet name when there is a server,
 * even if the user left it out, so that prompts and the audit trail always name it.
 */
public record Action(
    Optional<FleetServer> server,
    List<String> arguments,
    List<String> auditArguments,
    String warning,
    Execution execution,
    Optional<Preview.Facts> preview) {

  public Action {
    Objects.requireNonNull(server, "server");
    arguments = List.copyOf(arguments);
    auditArguments = List.copyOf(auditArguments);
    Objects.requireNonNull(warning, "warning");
    Objects.requireNonNull(execution, "execution");
    Objects.requireNonNull(preview, "preview");
  }

  /** An action not previewed yet. */
  public Action(
      Optional<FleetServer> server,
      List<String> arguments,
      List<String> auditArguments,
      String warning,
      Execution execution) {
    this(server, arguments, auditArguments, warning, execution, Optional.empty());
  }

  /** The checks to make against KiwiVM before the prompt, when the execution has any. */
  public Optional<Foresight> foresight() {
    return execution instanceof Foreseen foreseen ? Optional.of(foreseen) : Optional.empty();
  }

  /** This action with what its foresight found before the prompt. */
  public Action withPreview(Preview.Facts facts) {
    return new Action(server, arguments, auditArguments, warning, execution, Optional.of(facts));
  }

  /** An action whose arguments hold no secret. */
  public static Action of(
      Optional<FleetServer> server, List<String> arguments, Execution execution) {
    return new Action(server, arguments, arguments, "", execution);
  }

  public static Action on(FleetServer server, List<String> arguments, Execution execution) {
    return of(Optional.of(server), arguments, execution);
  }

  public Action withAuditArguments(List<String> masked) {
    return new Action(server, arguments, masked, warning, execution, preview);
  }
}
