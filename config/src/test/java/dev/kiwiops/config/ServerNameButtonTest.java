package dev.kiwiops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiwiops.core.reply.ButtonToken;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every server name the configuration accepts fits a button token that names it. */
class ServerNameButtonTest {
  private static KiwiopsConfig read(String name) throws ConfigException {
    return new ConfigLoader(Map.<String, String>of()::get)
        .read(
            "kiwiops.yml", new StringReader("servers:\n  " + name + ": { veid: 1, api-key: k }\n"));
  }

  @Test
  void theLongestAcceptedNameMakesAResolveTokenWithin64Bytes() throws ConfigException {
    String longest = "a" + "b-c_d.".repeat(5) + "z";
    assertThat(longest).hasSize(32);

    String name = read(longest).servers().get(0).name();
    String token = ButtonToken.resolve(name, Long.MAX_VALUE).encode();

    assertThat(token.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(64);
    assertThat(ButtonToken.decode(token)).isPresent();
  }

  @Test
  void aLongerNameIsRefusedByTheConfiguration() {
    assertThatThrownBy(() -> read("a".repeat(33)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("at most 32");
  }
}
