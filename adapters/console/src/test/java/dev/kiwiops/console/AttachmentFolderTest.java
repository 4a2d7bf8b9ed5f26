package dev.kiwiops.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attachments may hold secrets: where and how the console writes them. */
class AttachmentFolderTest {
  @TempDir Path tmp;

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theDefaultFolderIsPrivateToThisProcessAndItsFilesToItsUser() throws Exception {
    AttachmentFolder folder = AttachmentFolder.privateTemporary(tmp);
    assertThat(folder.location()).isEmpty();

    Path file = folder.write("shell output.txt", bytes("root password: hunter2"));

    Path dir = folder.location().orElseThrow();
    assertThat(file.getParent()).isEqualTo(dir);
    assertThat(dir.getParent()).isEqualTo(tmp);
    assertThat(dir.getFileName().toString()).startsWith("kiwiops-attachments-");
    assertThat(mode(dir)).isEqualTo("rwx------");
    assertThat(mode(file)).isEqualTo("rw-------");
    assertThat(file.getFileName().toString()).isEqualTo("0-shell_output.txt");
    assertThat(Files.readString(file)).isEqualTo("root password: hunter2");
  }

  @Test
  void twoRunsGetTwoFoldersAndNeitherOverwritesTheOther() throws Exception {
    AttachmentFolder first = AttachmentFolder.privateTemporary(tmp);
    AttachmentFolder second = AttachmentFolder.privateTemporary(tmp);

    Path a = first.write("log.txt", bytes("first"));
    Path b = second.write("log.txt", bytes("second"));

    assertThat(first.location()).isNotEqualTo(second.location());
    assertThat(Files.readString(a)).isEqualTo("first");
    assertThat(Files.readString(b)).isEqualTo("second");
  }

  @Test
  void twoRunsSharingANamedFolderTakeFreshNames() throws Exception {
    Path shared = tmp.resolve("attachments");
    Path a = AttachmentFolder.chosen(shared).write("log.txt", bytes("first"));

    Path b = AttachmentFolder.chosen(shared).write("log.txt", bytes("second"));

    assertThat(b).isNotEqualTo(a);
    assertThat(Files.readString(a)).isEqualTo("first");
    assertThat(Files.readString(b)).isEqualTo("second");
    assertThat(mode(shared)).isEqualTo("rwx------");
    assertThat(mode(b)).isEqualTo("rw-------");
  }

  @Test
  void aPlantedSymlinkIsNeitherFollowedNorReplaced() throws Exception {
    Path dir = tmp.resolve("attachments");
    Files.createDirectory(dir);
    Path victim = tmp.resolve("victim.conf");
    Files.writeString(victim, "precious");
    Path planted = Files.createSymbolicLink(dir.resolve("0-log.txt"), victim);

    Path written = AttachmentFolder.chosen(dir).write("log.txt", bytes("shell output"));

    assertThat(written).isNotEqualTo(planted);
    assertThat(Files.readString(victim)).isEqualTo("precious");
    assertThat(Files.isSymbolicLink(planted)).isTrue();
    assertThat(Files.readString(written)).isEqualTo("shell output");
  }

  @Test
  void aNamedFolderThatIsALinkIsRefused() throws Exception {
    Path real = Files.createDirectory(tmp.resolve("real"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);

    assertThatThrownBy(() -> AttachmentFolder.chosen(link))
        .isInstanceOf(AttachmentFolder.UnsafeFolderException.class)
        .hasMessage("the attachments folder " + link + " is a symbolic link; name the real folder");
    try (Stream<Path> files = Files.list(real)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aNamedFolderOthersMayWriteToIsRefused() throws Exception {
    Path open =
        Files.createDirectory(
            tmp.resolve("open"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThatThrownBy(() -> AttachmentFolder.chosen(open))
        .hasMessage(
            "the attachments folder "
                + open
                + " may be written by others; use chmod 700 or name another folder");
  }

  @Test
  void aFileOrAFolderWithoutParentIsRefused() throws Exception {
    Path file = Files.writeString(tmp.resolve("file"), "x");
    Path orphan = tmp.resolve("no/such/folder");

    assertThatThrownBy(() -> AttachmentFolder.chosen(file)).hasMessageEndingWith("is not a folder");
    assertThatThrownBy(() -> AttachmentFolder.chosen(orphan))
        .hasMessageEndingWith("cannot be made: its parent folder does not exist");
  }

  @Test
  void unsafeCharactersInANameCannotLeaveTheFolder() throws Exception {
    AttachmentFolder folder = AttachmentFolder.chosen(tmp.resolve("a"));

    Path written = folder.write("../../etc/passwd", bytes("x"));

    assertThat(written.getParent()).isEqualTo(tmp.resolve("a"));
    assertThat(written.getFileName().toString()).isEqualTo("0-.._.._etc_passwd");
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .containsExactlyInAnyOrderElementsOf(List.of("a"));
    }
  }

  @Test
  void aFolderCheckedOnFirstUseRefusesTheWriteIfItIsALink() throws Exception {
    Path real = Files.createDirectory(tmp.resolve("real"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
    AttachmentFolder folder = AttachmentFolder.checkedOnFirstUse(link);

    assertThatThrownBy(() -> folder.write("log.txt", bytes("secret")))
        .isInstanceOf(java.io.IOException.class)
        .hasMessage("the attachments folder " + link + " is a symbolic link; name the real folder");
    try (Stream<Path> files = Files.list(real)) {
      assertThat(files).isEmpty();
    }
  }
}
