package tms.admin.console;

/**
 * The console's roles, from DOMAIN.md's people. A user holds one or more; every route names the roles it
 * admits, and everything else gets 403.
 */
public enum Role {
    /** Runs the console itself: accounts, roles, every page. */
    ADMIN("administrator"),
    /** Activates, revokes, re-keys and unlocks devices remotely. */
    TECHNICIAN("technician"),
    /** Reviews activation, change and revocation applications and answers the platform (supervisor). */
    USER_MANAGEMENT_SUPERVISOR("user-management supervisor"),
    /** Enters and reviews applications, calls merchants back, archives. */
    USER_MANAGEMENT_SPECIALIST("user-management specialist"),
    /** Stocks in factory lots, inspects, ships, returns defects to the factory. */
    WAREHOUSE("warehouse"),
    /** Reviews captured transactions and settles them. */
    CLEARING("clearing"),
    /** Takes calls, records complaints, calls customers back. */
    CALL_CENTRE("call centre"),
    /** Takes in faulty terminals, repairs, lends spares. */
    AFTER_SALES("after-sales"),
    /** Manages service providers and their orders. */
    CHANNEL("channel"),
    /** Reads everything, changes nothing. */
    AUDITOR("auditor");

    private final String title;

    Role(String title) {
        this.title = title;
    }

    /** The name staff know the role by. */
    public String title() {
        return title;
    }
}
