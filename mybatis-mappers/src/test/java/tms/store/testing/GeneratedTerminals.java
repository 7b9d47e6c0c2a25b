package tms.store.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fills the terminal table fast, in one INSERT ... SELECT over a cross join of digit tables that H2, MariaDB and
 * MySQL all run. Terminal n (0-based) has serial SN + n in 8 digits; a hundredth of them are DEFECTIVE (n ending
 * in 00), the rest IN_STOCK, ACTIVE or SUSPENDED in turn; TID = n in 8 digits for the ACTIVE ones; MID, model and
 * provider take 1,000, 97 and 499 distinct values ({@link #mid}, {@link #model}, {@link #provider}).
 */
public final class GeneratedTerminals {

    private static final String DIGITS = "(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3"
            + " UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8"
            + " UNION ALL SELECT 9)";

    private GeneratedTerminals() {
    }

    /** Inserts 10^{@code powerOfTen} terminals, a hundred thousand per statement (and transaction) at most. */
    public static void insert(Connection connection, int powerOfTen) throws SQLException {
        int digits = Math.min(powerOfTen, 5);
        StringBuilder n = new StringBuilder("(");
        StringBuilder from = new StringBuilder();
        for (int i = 0; i < digits; i++) {
            n.append(i == 0 ? "" : " + ").append("d").append(i).append(".d * ").append(pow10(i));
            from.append(i == 0 ? "" : " CROSS JOIN ").append(DIGITS).append(" d").append(i);
        }
        n.append(")");
        for (long base = 0; base < pow10(powerOfTen); base += pow10(digits)) {
            String sql = "INSERT INTO terminal (serial_number, psam_number, sim_iccid, model, tid, mid, state,"
                    + " service_provider) SELECT CONCAT('SN', LPAD(CONCAT('', n), 8, '0')),"
                    + " CONCAT('PSAM', LPAD(CONCAT('', n), 12, '0')), CONCAT('898600', LPAD(CONCAT('', n), 14, '0')),"
                    + " CONCAT('M', MOD(n, 97)),"
                    + " CASE WHEN MOD(n, 100) <> 0 AND MOD(n, 3) = 1 THEN LPAD(CONCAT('', n), 8, '0') END,"
                    + " CONCAT('8981000', LPAD(CONCAT('', MOD(n, 1000)), 8, '0')),"
                    + " CASE WHEN MOD(n, 100) = 0 THEN 'DEFECTIVE' WHEN MOD(n, 3) = 0 THEN 'IN_STOCK'"
                    + " WHEN MOD(n, 3) = 1 THEN 'ACTIVE' ELSE 'SUSPENDED' END,"
                    + " CONCAT('Provider ', MOD(n, 499))"
                    + " FROM (SELECT " + base + " + " + n + " AS n FROM " + from + ") numbers";
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate(sql);
            }
        }
    }

    public static String mid(int i) {
        return "8981000" + String.format("%08d", i);
    }

    public static String model(int i) {
        return "M" + i;
    }

    public static String provider(int i) {
        return "Provider " + i;
    }

    private static long pow10(int i) {
        long p = 1;
        for (int k = 0; k < i; k++) {
            p *= 10;
        }
        return p;
    }
}
