package tms.admin.console.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tms.admin.AuditLog;
import tms.admin.console.ConsoleRequest;
import tms.admin.console.ConsoleSection;
import tms.admin.console.ConsoleUser;
import tms.admin.console.InputRefused;
import tms.admin.console.Reply;
import tms.admin.console.Role;
import tms.admin.console.Route;
import tms.store.AuditQuery;

/**
 * The audit log, page and API: search by actor, action (prefix), subject and date range, newest first. Administrators
 * and auditors read all of it; the user-management supervisor reads the business actions of the people they
 * oversee, but not the console's security events (sign-ins, accounts, tokens), which stay with administrators and
 * auditors.
 */
public final class AuditSection implements ConsoleSection {

    /** The console's own security events: sign-ins, accounts, tokens. */
    public static final String SECURITY_ACTIONS = "console.";
    private static final Set<Role> READERS = EnumSet.of(Role.ADMIN, Role.AUDITOR, Role.USER_MANAGEMENT_SUPERVISOR);
    private static final int PAGE_SIZE = 50;

    private final AuditLog log;

    public AuditSection(AuditLog log) {
        this.log = log;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/audit", "the audit log: who changed what, when, from where", READERS, r -> {
                    Map<String, Object> parameters = new HashMap<>();
                    parameters.put("result", log.search(query(r), page(r), PAGE_SIZE));
                    parameters.put("actor", r.fieldOr("actor", ""));
                    parameters.put("action", r.fieldOr("action", ""));
                    parameters.put("subject", r.fieldOr("subject", ""));
                    parameters.put("from", r.fieldOr("from", ""));
                    parameters.put("to", r.fieldOr("to", ""));
                    parameters.put("securityHidden", hidesSecurity(r.user()));
                    return Reply.page("audit/audit.jte", "Audit log", parameters);
                }),
                Route.get("/api/v1/audit", "search the audit log (actor, action prefix, subject, from, to as"
                        + " yyyy-MM-dd or an instant; page, size), newest first", READERS,
                        r -> Reply.json(log.search(query(r), page(r), size(r)))));
    }

    private static boolean hidesSecurity(ConsoleUser user) {
        return !user.holdsAny(EnumSet.of(Role.ADMIN, Role.AUDITOR));
    }

    private static AuditQuery query(ConsoleRequest r) {
        Instant from = instant(r, "from", false);
        Instant to = instant(r, "to", true);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InputRefused("'from' must come before 'to'");
        }
        return new AuditQuery(r.field("actor"), r.field("action"), r.field("subject"), from, to,
                hidesSecurity(r.user()) ? SECURITY_ACTIONS : null);
    }

    /** A day (the whole day, UTC: 'to' takes in the day it names) or an exact instant. */
    private static Instant instant(ConsoleRequest r, String field, boolean endOfDay) {
        String text = r.field(field);
        if (text == null) {
            return null;
        }
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InputRefused("'" + field + "' must be a date like 2024-03-14 or an instant like"
                    + " 2024-03-14T08:00:00Z, not '" + text + "'");
        }
    }

    private static int page(ConsoleRequest r) {
        return number(r, "page", 1, Integer.MAX_VALUE);
    }

    private static int size(ConsoleRequest r) {
        return number(r, "size", PAGE_SIZE, AuditLog.MAX_PAGE_SIZE);
    }

    private static int number(ConsoleRequest r, String field, int fallback, int max) {
        String text = r.field(field);
        if (text == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InputRefused("'" + field + "' must be a whole number from 1 to " + max + ", not '" + text + "'");
    }
}
