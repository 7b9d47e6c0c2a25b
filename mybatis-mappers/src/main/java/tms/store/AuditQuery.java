package tms.store;

import java.time.Instant;

/**
 * What an audit log search asks for; null means "any". Actions match by prefix ({@code console.account}
 * finds every account change); {@code hiddenActionPrefix} leaves out a family of actions the reader may not see.
 * Time runs from {@code from} inclusive to {@code until} exclusive.
 */
public record AuditQuery(String actor, String actionPrefix, String subject, Instant from, Instant until,
                         String hiddenActionPrefix) {

    public static AuditQuery everything() {
        return new AuditQuery(null, null, null, null, null, null);
    }

    /** {@link #actionPrefix} as a LIKE pattern with '!' as the escape character, or null. */
    public String actionPattern() {
        return likePrefix(actionPrefix);
    }

    public String hiddenActionPattern() {
        return likePrefix(hiddenActionPrefix);
    }

    private static String likePrefix(String prefix) {
        if (prefix == null) {
            return null;
        }
        return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
