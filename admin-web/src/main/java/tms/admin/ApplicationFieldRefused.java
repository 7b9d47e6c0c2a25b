package tms.admin;

/** A field of an application that cannot be accepted as typed or uploaded; the message names it and what to do. */
public final class ApplicationFieldRefused extends RuntimeException {

    public ApplicationFieldRefused(String message) {
        super(message);
    }
}
