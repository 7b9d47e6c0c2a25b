package tms.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tms.store.testing.TestDatabase;

/** The schema must have no place for a full PAN, track data, a CVV or a PIN block (DESIGN.md, security rules). */
class SchemaTest {

    /** The truncated card and its keyed hash are allowed; any other column about the PAN is not. */
    private static final Set<String> ALLOWED_CARD_COLUMNS = Set.of("pan_first6", "pan_last4", "pan_hash");
    private static final Pattern SENSITIVE = Pattern.compile(
            "(^|_)(pan|pin|cvv\\d?|cvc\\d?|cvn\\d?|icvv|pvv|pinblock|track\\d?|track_?data|magstripe|card_?no)(_|\\d|$)"
                    + "|card_?number|account_?number|primary_?account|pin_?block|track\\d|cvv|cvc|cardholder_?data");

    static boolean suggestsSensitiveCardData(String column) {
        String name = column.toLowerCase(Locale.ROOT);
        return !ALLOWED_CARD_COLUMNS.contains(name) && SENSITIVE.matcher(name).find();
    }

    @Test
    void theCheckRecognisesSensitiveNames() {
        assertThat(List.of("pan", "full_pan", "card_number", "cardnumber", "track2", "track_2_data", "track_data",
                "pin_block", "pinblock", "cvv", "cvv2", "cvc2", "icvv", "primary_account_number", "pan_full"))
                .allMatch(SchemaTest::suggestsSensitiveCardData);
        assertThat(List.of("pan_first6", "pan_last4", "pan_hash", "tid", "mid", "company", "spinner", "panel_id",
                "trace", "tmk_wrapped", "sim_iccid", "psam_number"))
                .noneMatch(SchemaTest::suggestsSensitiveCardData);
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void noColumnSuggestsAFullPanTrackPinOrCvv(TestDatabase db) throws SQLException {
        Store store = db.open();
        List<String> columns = new ArrayList<>();
        // SCHEMA() is the current schema on H2 and the current database on MySQL/MariaDB
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = SCHEMA()");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                columns.add((rows.getString(1) + "." + rows.getString(2)).toLowerCase(Locale.ROOT));
            }
        }

        // proves the query saw our schema, not an empty one
        assertThat(columns).contains("captured_transaction.pan_hash", "terminal.tmk_wrapped", "merchant.mid",
                "number_block.next_value");
        assertThat(columns).filteredOn(c -> suggestsSensitiveCardData(c.substring(c.indexOf('.') + 1))).isEmpty();
    }
}
