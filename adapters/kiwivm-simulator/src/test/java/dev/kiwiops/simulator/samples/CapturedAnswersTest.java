package dev.kiwiops.simulator.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CapturedAnswersTest {

  @Test
  void theListNamesEverySampleInTheFolder() throws IOException {
    List<String> files;
    try (Stream<Path> listing = Files.list(Path.of("src/test/resources", CapturedAnswers.FOLDER))) {
      files =
          listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).toList();
    }

    assertThat(files).containsExactlyInAnyOrderElementsOf(CapturedAnswers.FILES);
  }

  @Test
  void everySampleReadsFromTheClassPath() {
    assertThat(CapturedAnswers.FILES)
        .allSatisfy(f -> assertThat(CapturedAnswers.read(f)).as(f).startsWith("{"));
  }
}
