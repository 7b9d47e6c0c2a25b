package tms.store;

/** One row's wrapped key in a {@link StoredKeyColumn}: the row's id (a Long or a String) and the key's text form. */
public record StoredKey(Object rowId, String keyText) {
}
