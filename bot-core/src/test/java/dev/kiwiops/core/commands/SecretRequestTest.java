package dev.kiwiops.core.commands;

import static dev.kiwiops.core.commands.CommandsFixture.ADMIN;
import static dev.kiwiops.core.commands.CommandsFixture.GROUP;
import static dev.kiwiops.core.commands.CommandsFixture.OPERATOR;
import static dev.kiwiops.core.commands.CommandsFixture.info;
import static dev.kiwiops.core.commands.CommandsFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Secret;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.Done;
import dev.kiwiops.core.kiwivm.VmType;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.SecretRequest;
import dev.kiwiops.core.testkit.CollectingConversation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** clone's password question as a structured request, answered through private input. */
class SecretRequestTest {
  final CommandsFixture f = new CommandsFixture();

  SecretRequest ask() {
    f.kiwi
        .answer("getServiceInfo", ok(info(VmType.OVZ, List.of("203.0.113.8"))))
        .answer("cloneFromExternalServer", new ApiResult.Ok<>(Done.INSTANCE));
    Reply ask = f.confirmed("clone vz1 198.51.100.20 2222");
    return ask.secretRequest().orElseThrow();
  }

  @Test
  void cloneAsksWithARequestAnAdapterCanTurnIntoAForm() {
    SecretRequest request = ask();

    assertThat(request.code()).matches("[A-Z2-9]{6}");
    assertThat(request.prompt()).isEqualTo("Root password of 198.51.100.20:2222");
    assertThat(request.fieldLabel()).isEqualTo("Root password");
    assertThat(f.chat.lastText()).contains("`secret " + request.code() + " <password>`");
    assertThat(f.writes()).isZero();
  }

  @Test
  void privateInputFromAGroupChatIsAccepted() {
    SecretRequest request = ask();
    CollectingConversation channel = new CollectingConversation();

    f.dispatcher.answerSecret(
        ADMIN, GROUP, request.code(), Secret.of("p'w\"d with spaces"), true, channel);

    assertThat(f.kiwi.calls("cloneFromExternalServer"))
        .singleElement()
        .satisfies(c -> assertThat(c.args().get(3)).isEqualTo(Secret.of("p'w\"d with spaces")));
    assertThat(channel.lastText()).contains("Cloning 198.51.100.20:2222 onto vz1 started");
    assertThat(f.audit.all().toString()).doesNotContain("p'w");
    assertThat(f.audit.all().get(f.audit.all().size() - 1).outcome()).isEqualTo("ok");
  }

  @Test
  void inputOthersCouldSeeIsRefusedAndTheQuestionStaysOpen() {
    SecretRequest request = ask();
    CollectingConversation group = new CollectingConversation(false);

    f.dispatcher.answerSecret(ADMIN, GROUP, request.code(), Secret.of("hunter2"), false, group);

    assertThat(group.lastText()).contains("Send secrets only privately").contains("change it");
    assertThat(f.writes()).isZero();
    assertThat(f.audit.all().toString()).doesNotContain("hunter2");
    assertThat(f.audit.all().get(f.audit.all().size() - 1).decision()).isEqualTo("refused-private");

    f.dispatcher.answerSecret(ADMIN, GROUP, request.code(), Secret.of("right"), true, group);
    assertThat(f.kiwi.count("cloneFromExternalServer")).isEqualTo(1);
  }

  @Test
  void theTypedFallbackAndTheFormShareOneQuestion() {
    SecretRequest request = ask();

    f.run("secret " + request.code() + " typed-one");
    f.dispatcher.answerSecret(ADMIN, GROUP, request.code(), Secret.of("form-one"), true, f.chat);

    assertThat(f.kiwi.calls("cloneFromExternalServer"))
        .singleElement()
        .satisfies(c -> assertThat(c.args().get(3)).isEqualTo(Secret.of("typed-one")));
    assertThat(f.chat.lastText()).contains("unknown, expired or not yours");
  }

  @Test
  void someoneElsesAnswerThroughAFormIsRefused() {
    SecretRequest request = ask();

    f.dispatcher.answerSecret(OPERATOR, GROUP, request.code(), Secret.of("hunter2"), true, f.chat);

    assertThat(f.chat.lastText()).contains("unknown, expired or not yours");
    assertThat(f.writes()).isZero();
    assertThat(f.audit.all().toString()).doesNotContain("hunter2");
  }
}
