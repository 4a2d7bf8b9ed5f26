package dev.kiwiops.core.testkit;

import dev.kiwiops.core.command.Action;
import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandInput;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.command.ParamKind;
import dev.kiwiops.core.command.Parameter;
import dev.kiwiops.core.command.UsageException;
import dev.kiwiops.core.reply.Reply;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code vault open <server> <token>}: a destructive test command whose second argument is a
 * secret, masked in {@link Action#auditArguments()} the way {@code snapshot import} masks its
 * token. Runs record the server name so tests can count them.
 */
public final class SecretArgumentCommand implements Command {
  public static final String PERMISSION = "vault.open";
  private static final CommandSpec SPEC =
      CommandSpec.builder("vault open")
          .server()
          .parameter(Parameter.required("token", ParamKind.TOKEN, "the vault token").asSecret())
          .summary("opens the vault with a secret token")
          .permission(PERMISSION)
          .confirm()
          .examples("vault open web1 TOKEN")
          .build();

  private final List<String> opened = new CopyOnWriteArrayList<>();

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Action parse(CommandInput input) throws UsageException {
    CommandInput.ServerArgs resolved = input.server(1);
    if (resolved.rest().size() != 1) {
      throw new UsageException("vault open needs exactly one token.");
    }
    String server = resolved.server().name();
    return Action.on(
            resolved.server(),
            List.of(server, resolved.rest().get(0)),
            ctx -> {
              opened.add(server);
              return Reply.text("Opened the vault of " + server + ".");
            })
        .withAuditArguments(List.of(server, "******"));
  }

  /** The servers whose vault was opened, one element per run. */
  public List<String> opened() {
    return List.copyOf(opened);
  }
}
