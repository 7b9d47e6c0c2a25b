package tms.admin;

/** A technician action that cannot be done as asked; the message says why and what to do instead. */
public class TerminalActionRefused extends RuntimeException {

    public TerminalActionRefused(String message) {
        super(message);
    }
}
