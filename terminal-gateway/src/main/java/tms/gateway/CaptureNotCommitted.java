package tms.gateway;

/** A unit handed to the {@link CaptureWriter} was not written: its group's transaction did not commit. */
public final class CaptureNotCommitted extends RuntimeException {

    CaptureNotCommitted(String message, Throwable cause) {
        super(message, cause);
    }
}
