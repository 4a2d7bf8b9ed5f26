package dev.kiwiops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
