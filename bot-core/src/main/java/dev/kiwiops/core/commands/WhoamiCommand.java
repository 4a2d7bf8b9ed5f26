package dev.kiwiops.core.commands;

import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.access.Binding;
import dev.kiwiops.core.command.Action;
import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandInput;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.command.UsageException;
import dev.kiwiops.core.reply.Block;
import dev.kiwiops.core.reply.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@code whoami}: the caller's identity, the person it belongs to (with their other identities),
 * roles and server scope.
 */
public final class WhoamiCommand implements Command {
  private static final CommandSpec SPEC =
      CommandSpec.builder("whoami")
          .summary("your identity, roles and servers")
          .openToAnyone()
          .examples("whoami")
          .build();

  private final Supplier<AccessPolicy> policy;

  public WhoamiCommand(Supplier<AccessPolicy> policy) {
    this.policy = policy;
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Action parse(CommandInput input) throws UsageException {
    if (!input.args().isEmpty()) {
      throw new UsageException("whoami takes no arguments.");
    }
    return Action.of(
        Optional.empty(),
        List.of(),
        ctx -> {
          AccessPolicy now = policy.get();
          List<Binding> bindings = now.bindingsOf(input.caller());
          List<Block.Field> fields = new ArrayList<>();
          fields.add(new Block.Field("Identity", input.caller().user().toString()));
          now.personOf(input.caller())
              .ifPresent(p -> fields.add(new Block.Field("Person", p.describe())));
          if (!input.caller().groups().isEmpty()) {
            TreeSet<String> groups = new TreeSet<>();
            input.caller().groups().forEach(g -> groups.add(g.toString()));
            fields.add(new Block.Field("Groups", String.join(", ", groups)));
          }
          if (bindings.isEmpty()) {
            fields.add(new Block.Field("Roles", "none (you can run help and whoami)"));
          }
          for (Binding b : bindings) {
            String scope =
                b.isFleetWide()
                    ? "all servers"
                    : (b.servers().isEmpty()
                            ? ""
                            : "servers " + String.join(", ", new TreeSet<>(b.servers())))
                        + (b.servers().isEmpty() || b.tags().isEmpty() ? "" : "; ")
                        + (b.tags().isEmpty()
                            ? ""
                            : "tags " + String.join(", ", new TreeSet<>(b.tags())));
            fields.add(
                new Block.Field(
                    "Roles"
                        + (b.identity().equals(input.caller().user())
                            ? ""
                            : " via " + b.identity()),
                    String.join(", ", new TreeSet<>(b.roles())) + " on " + scope));
          }
          return Reply.builder().title("You are " + input.caller().user()).fields(fields).build();
        });
  }
}
