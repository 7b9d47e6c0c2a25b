package tms.store;

/** The database could not be reached or brought up to date when the store was opened. */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
