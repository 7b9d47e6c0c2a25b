package tms.server;

/** A problem with what the user asked for; its message says what was wrong and what to do. */
public class UserError extends RuntimeException {

    public UserError(String message) {
        super(message);
    }
}
