package tms.store;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;

/**
 * Stores an {@link Instant} in a DATETIME(6) column as its UTC wall-clock time, whatever the JVM's zone.
 *
 * <p>MyBatis's default goes through {@link java.sql.Timestamp}, which converts in the JVM's default zone: a JVM
 * outside UTC would store shifted times yet read them back "correctly" (STACK.md trap 3). The value is therefore
 * bound as UTC wall-clock text and read as a {@link LocalDateTime}, which neither driver shifts.
 *
 * <p>Text rather than a {@code LocalDateTime} parameter because Connector/J takes MariaDB 10.x (which announces
 * itself as "5.5.5-10.x") for MySQL 5.5 and then silently drops the fractional seconds of temporal parameters.
 */
final class UtcInstantTypeHandler extends BaseTypeHandler<Instant> {

    private static final DateTimeFormatter UTC_MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, Instant parameter, JdbcType jdbcType)
            throws SQLException {
        // the columns keep microseconds; engines differ on rounding or cutting the rest, so cut it here
        ps.setString(i, UTC_MICROS.format(parameter.truncatedTo(ChronoUnit.MICROS)));
    }

    @Override
    public Instant getNullableResult(ResultSet rs, String columnName) throws SQLException {
        return toInstant(rs.getObject(columnName, LocalDateTime.class));
    }

    @Override
    public Instant getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
        return toInstant(rs.getObject(columnIndex, LocalDateTime.class));
    }

    @Override
    public Instant getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
        return toInstant(cs.getObject(columnIndex, LocalDateTime.class));
    }

    private static Instant toInstant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
