package tms.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreConfigTest {

    @Test
    void h2FileLivesUnderTheAbsoluteDirectoryInMySqlMode() {
        StoreConfig config = StoreConfig.h2File(Path.of("data"));

        String expectedBase = Path.of("data").toAbsolutePath().normalize().resolve("tms").toString();
        assertThat(config.jdbcUrl()).startsWith("jdbc:h2:file:" + expectedBase + ";")
                .contains(";MODE=MySQL").contains(";DATABASE_TO_LOWER=TRUE").contains(";TIME ZONE=UTC");
        assertThat(config.isH2()).isTrue();
        assertThat(config.maxPoolSize()).isPositive();
    }

    @Test
    void mysqlUrlsRunTheSessionInUtc() {
        StoreConfig config = StoreConfig.mysql("db.internal", 3306, "tms", "tms", "pw", 8);

        assertThat(config.jdbcUrl()).isEqualTo("jdbc:mysql://db.internal:3306/tms?connectionTimeZone=UTC"
                + "&forceConnectionTimeZoneToSession=true&connectTimeout=3000");
        assertThat(config.isH2()).isFalse();
    }

    @Test
    void redactsPasswordsInEveryUrlForm() {
        assertThat(new StoreConfig("jdbc:h2:file:/d/tms;PASSWORD=hunter2;MODE=MySQL", "sa", "", 1).redactedUrl())
                .isEqualTo("jdbc:h2:file:/d/tms;PASSWORD=***;MODE=MySQL");
        assertThat(new StoreConfig("jdbc:mysql://h:3306/tms?user=tms&password=hunter2&useSSL=false", "u", "p", 1)
                .redactedUrl()).isEqualTo("jdbc:mysql://h:3306/tms?user=tms&password=***&useSSL=false");
        assertThat(new StoreConfig("jdbc:mysql://tms:hunter2@h:3306/tms", "u", "p", 1).redactedUrl())
                .isEqualTo("jdbc:mysql://tms:***@h:3306/tms");
    }

    @Test
    void neverPrintsThePassword() {
        assertThat(StoreConfig.mysql("h", 3306, "tms", "tms", "hunter2", 4).toString()).doesNotContain("hunter2");
    }

    @Test
    void refusesAnUnsupportedUrlNamingIt() {
        assertThatThrownBy(() -> new StoreConfig("jdbc:postgresql://h/tms?password=hunter2", "u", "p", 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql://h/tms?password=***")
                .hasMessageContaining("expected jdbc:h2:")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void refusesAnEmptyPool() {
        assertThatThrownBy(() -> new StoreConfig("jdbc:h2:mem:x", "sa", "", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxPoolSize is 0");
    }

    @Test
    void refusesUnusableMysqlCoordinates() {
        assertThatThrownBy(() -> StoreConfig.mysql("h", 0, "tms", "u", "p", 4))
                .hasMessageContaining("port 0");
        assertThatThrownBy(() -> StoreConfig.mysql("h", 3306, "tms; DROP", "u", "p", 4))
                .hasMessageContaining("'tms; DROP'");
    }
}
