package tms.hsm;

/** Failures of key operations (wrong usage, check-value mismatch, corrupt blob, wrong component length...). */
public class HsmException extends RuntimeException {

    /** A refusal whose message names the bad input and what was expected. */
    public HsmException(String message) {
        super(message);
    }

    /** A refusal caused by a lower-level failure (I/O, cipher). */
    public HsmException(String message, Throwable cause) {
        super(message, cause);
    }
}
