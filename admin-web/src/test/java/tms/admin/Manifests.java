package tms.admin;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import tms.store.AuditEntry;
import tms.store.AuditLogMapper;
import tms.store.Store;

/** Manifests and store reads for the inventory tests. */
final class Manifests {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-14T02:00:00Z"), ZoneOffset.UTC);
    static final Actor KEEPER = new Actor("keeper", "10.0.0.7");

    private Manifests() {
    }

    /** A well-formed row for unit n: serial MF + 8 digits, PSAM, a 19-digit ICCID with its Luhn digit, model. */
    static String row(String prefix, int n) {
        return prefix + String.format("%08d", n) + ",PS" + prefix + String.format("%010d", n) + ","
                + iccid19(n) + ",N910";
    }

    static String iccid19(int n) {
        String body = "898600" + String.format("%012d", n);
        for (int check = 0; check <= 9; check++) {
            if (UnitCodes.luhnValid(body + check)) {
                return body + check;
            }
        }
        throw new IllegalStateException("no Luhn digit for " + body);
    }

    static byte[] csv(List<String> lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static ManifestImportJob job(String fileName) {
        return new ManifestImportJob("job-" + fileName, fileName, KEEPER, CLOCK.instant());
    }

    static long count(Store store, String sql, Object... parameters) {
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<AuditEntry> audit(Store store, String subject) {
        return store.read(s -> s.getMapper(AuditLogMapper.class).listBySubject(subject, 100));
    }
}
