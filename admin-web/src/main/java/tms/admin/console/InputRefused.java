package tms.admin.console;

/** A request the user can fix: the message names the bad input and what to do; answered 400. */
public final class InputRefused extends RuntimeException {

    public InputRefused(String message) {
        super(message);
    }
}
