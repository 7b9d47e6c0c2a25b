package tms.store;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;

/**
 * Stores an {@link Instant} in a DATETIME(6) column as its UTC wall-clock time, whatever the JVM's zone.
 *
 * <p>MyBatis's default goes through {@link java.sql.Timestamp}, which converts in the JVM's default zone: a JVM
 * outside UTC would store shifted times yet read them back "correctly" (STACK.md trap 3). A {@link LocalDateTime}
 * passes through H2 and Connector/J untouched, so the column holds UTC on every engine.
 */
final class UtcInstantTypeHandler extends BaseTypeHandler<Instant> {

    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, Instant parameter, JdbcType jdbcType)
            throws SQLException {
        // the columns keep microseconds; engines differ on rounding or cutting the rest, so cut it here
        ps.setObject(i, LocalDateTime.ofInstant(parameter.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
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
