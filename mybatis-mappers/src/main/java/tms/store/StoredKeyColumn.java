package tms.store;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A column that holds keys wrapped under the LMK, with the column that identifies its rows: what an LMK rotation
 * must re-wrap. {@link #ALL} lists every such column; a migration that adds one adds it there too.
 */
public record StoredKeyColumn(String table, String idColumn, String keyColumn, Form form) {

    /** How the column's text is to be read. */
    public enum Form {
        /** {@code WrappedKey.encoded()}: K1.usage.length.blob.check value. */
        SYMMETRIC_KEY,
        /** {@code WrappedPrivateKey.encoded()}: P1.algorithm.blob. */
        PRIVATE_KEY,
        /** {@code HashingKey.encode()}: H1.blob.check value. */
        HASHING_KEY
    }

    // the names are spliced into SQL (a table or column cannot be a bind parameter): only plain identifiers;
    // declared before ALL, whose constructors use it
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /** Every column of the schema that holds a key wrapped under the LMK. */
    public static final List<StoredKeyColumn> ALL = List.of(
            new StoredKeyColumn("terminal", "id", "tmk_wrapped", Form.SYMMETRIC_KEY),
            new StoredKeyColumn("terminal", "id", "pik_wrapped", Form.SYMMETRIC_KEY),
            new StoredKeyColumn("terminal", "id", "mak_wrapped", Form.SYMMETRIC_KEY),
            new StoredKeyColumn("terminal", "id", "tdk_wrapped", Form.SYMMETRIC_KEY),
            new StoredKeyColumn("terminal", "id", "pending_tmk_wrapped", Form.SYMMETRIC_KEY),
            new StoredKeyColumn("host_key", "name", "private_key_wrapped", Form.PRIVATE_KEY),
            new StoredKeyColumn("zone_key", "name", "key_wrapped", Form.SYMMETRIC_KEY),
            new StoredKeyColumn("installation_key", "name", "key_wrapped", Form.HASHING_KEY));

    /** Validates the names, which must be plain lowercase SQL identifiers. */
    public StoredKeyColumn {
        for (String name : new String[] {table, idColumn, keyColumn}) {
            if (name == null || !IDENTIFIER.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a plain SQL identifier (lowercase letters, "
                        + "digits, underscores); a stored key column names a table and columns of the schema");
            }
        }
        if (form == null) {
            throw new IllegalArgumentException("form is null; expected one of " + List.of(Form.values()));
        }
    }

    /** {@code table.key_column}, as progress and counts are reported. */
    public String qualifiedName() {
        return table + "." + keyColumn;
    }
}
