package dev.kiwiops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @TempDir Path dir;

  @Test
  void migrationsAreAppliedOnceAcrossReopens() throws SQLException {
    String url = "jdbc:sqlite:" + dir.resolve("sub/kiwiops.db");
    Database.open(url);
    Database reopened = Database.open(url);

    int versions =
        reopened.transaction(
            c -> {
              try (ResultSet rs =
                  c.createStatement().executeQuery("SELECT COUNT(*) FROM schema_version")) {
                rs.next();
                return rs.getInt(1);
              }
            });
    assertThat(versions).isEqualTo(Database.MIGRATIONS.size());
  }

  @Test
  void aNewStoreAndItsFoldersArePrivateToUs() throws Exception {
    Path file = dir.resolve("data/store/kiwiops.db");
    Database db = Database.open("jdbc:sqlite:" + file);
    db.transaction(c -> c.createStatement().execute("CREATE TABLE t (x INTEGER)"));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data"))))
        .isEqualTo("rwx------");
    try (var siblings = Files.list(file.getParent())) {
      assertThat(siblings)
          .allSatisfy(
              f ->
                  assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                      .isEqualTo("rw-------"));
    }
  }

  @Test
  void aLinkPlantedAtANewStoresNameIsNotFollowed() throws Exception {
    Path planted = dir.resolve("elsewhere/planted.db");
    Files.createDirectories(planted.getParent());
    Path file = dir.resolve("kiwiops.db");
    Files.createSymbolicLink(file, planted);

    assertThatThrownBy(() -> Database.open("jdbc:sqlite:" + file))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("is a link to a missing file");
    assertThat(planted).doesNotExist();
  }

  @Test
  void aStoreWhoseFolderIsAFileIsRefused() throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("notes.txt"), "x");

    assertThatThrownBy(() -> Database.open("jdbc:sqlite:" + notAFolder.resolve("kiwiops.db")))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("cannot create");
  }

  @Test
  void unsupportedUrlIsRefusedWithOneSentence() {
    assertThatThrownBy(() -> Database.open("jdbc:mysql://localhost/x"))
        .isInstanceOf(SQLException.class)
        .hasMessage("store.url must start with jdbc:sqlite: or jdbc:postgresql:");
  }

  @Test
  void scriptsSplitIntoStatementsAndSkipComments() {
    assertThat(Database.statements("-- c\nCREATE TABLE a (x INT);\n\nCREATE TABLE b (y INT);\n"))
        .containsExactly("CREATE TABLE a (x INT)", "CREATE TABLE b (y INT)");
  }
}
