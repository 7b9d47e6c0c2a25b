package tms.admin.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tms.admin.ActivationCodes;
import tms.admin.IssuedActivationCode;
import tms.admin.TerminalDirectory;
import tms.admin.TerminalOverview;
import tms.admin.TerminalPage;
import tms.admin.TerminalRekey;
import tms.admin.TerminalRevocation;
import tms.admin.UnitCodes;
import tms.store.StateChange;
import tms.store.TerminalDetail;
import tms.store.TerminalFilter;
import tms.store.TerminalState;
import tms.store.TransactionSummary;

/**
 * The terminal list (searched, paged by serial number) and a terminal's page, and the technicians' actions on it:
 * a new activation code (shown once), revocation (reason and the user's password again), re-key, and lifting the
 * activation lock. The actions are those of tms.admin, which audit them; the gateway nodes act on them as those
 * classes arrange.
 */
public final class TerminalSection implements ConsoleSection {

    public static final Set<Role> READ = EnumSet.of(Role.ADMIN, Role.TECHNICIAN, Role.WAREHOUSE, Role.AFTER_SALES,
            Role.CALL_CENTRE, Role.AUDITOR);
    static final Set<Role> ACT = EnumSet.of(Role.TECHNICIAN, Role.ADMIN);

    private final TerminalDirectory directory;
    private final ActivationCodes activationCodes;
    private final TerminalRevocation revocation;
    private final TerminalRekey rekey;
    private final PasswordConfirmation passwords;
    private final byte[] copyScript = resource("/tms/admin/console/terminals/copy-code.js");

    public TerminalSection(TerminalDirectory directory, ActivationCodes activationCodes, TerminalRevocation revocation,
                           TerminalRekey rekey, PasswordConfirmation passwords) {
        this.directory = directory;
        this.activationCodes = activationCodes;
        this.revocation = revocation;
        this.rekey = rekey;
        this.passwords = passwords;
    }

    /** A transaction as the console shows it: the card as first 6, asterisks, last 4, and nothing else of it. */
    public record MaskedTransaction(Instant hostTime, String kind, long amount, String currency, String card,
                                    String responseCode, String status, String batch, String trace, String rrn) {

        static MaskedTransaction of(TransactionSummary t) {
            return new MaskedTransaction(t.hostTime(), t.kind().name(), t.amount(), t.currency(), t.maskedCard(),
                    t.responseCode(), t.status().name(), t.batch(), t.trace(), t.rrn());
        }
    }

    /** A terminal's page as the API returns it. */
    public record TerminalView(TerminalDetail terminal, boolean sessionOpen, List<StateChange> history,
                               List<MaskedTransaction> transactions) {
    }

    /** What the API takes to issue an activation code; {@code validityHours} defaults to 24. */
    public record CodeRequest(String mid, String merchantName, Integer validityHours) {
    }

    /** What the API takes to revoke: the reason and the caller's own password. */
    public record RevokeRequest(String reason, String password) {
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/terminals", "the terminal list: search by serial, TID, MID, state, model, provider",
                        READ, r -> {
                            TerminalFilter filter = filter(r);
                            Map<String, Object> parameters = new HashMap<>();
                            TerminalPage result = directory.search(filter);
                            parameters.put("filter", filter);
                            parameters.put("result", result);
                            parameters.put("nextHref", result.next() == null ? null : nextHref(filter, result.next()));
                            parameters.put("states", List.of(TerminalState.values()));
                            return Reply.page("terminals/list.jte", "Terminals", parameters);
                        }),
                Route.get("/api/v1/terminals", "search terminals (serial prefix, tid, mid, state, model, provider;"
                        + " after, size)", READ, r -> Reply.json(directory.search(filter(r)))),
                Route.get("/terminals/{serial}", "a terminal: codes, state and history, keys' check values,"
                        + " session, latest transactions", READ, r -> withTerminal(r, overview ->
                        Reply.page("terminals/terminal.jte", "Terminal " + overview.detail().serialNumber(),
                                Map.of("overview", overview, "transactions", masked(overview))))),
                Route.get("/api/v1/terminals/{serial}", "a terminal: codes, state and history, keys' check values,"
                        + " session, latest transactions", READ, r -> withTerminal(r, overview ->
                        Reply.json(new TerminalView(overview.detail(), overview.sessionOpen(), overview.history(),
                                masked(overview))))),

                Route.post("/terminals/{serial}/activation-code", "issue a new activation code (shown once)", ACT,
                        r -> {
                            IssuedActivationCode code = issue(r, r.field("mid"), r.field("merchantName"),
                                    hours(r.field("validityHours")));
                            return Reply.page("terminals/activationCode.jte", "Activation code", Map.of("code", code));
                        }),
                Route.post("/api/v1/terminals/{serial}/activation-code", "issue a new activation code:"
                        + " {mid, merchantName, validityHours}", ACT, r -> {
                            CodeRequest body = r.body(CodeRequest.class);
                            if (body == null) {
                                throw new InputRefused("send {\"mid\": \"...\"} (merchantName and validityHours"
                                        + " optional)");
                            }
                            return Reply.json(issue(r, body.mid(), body.merchantName(),
                                    body.validityHours() == null ? null : hours(body.validityHours().toString())));
                        }),
                Route.post("/terminals/{serial}/revoke", "revoke the terminal (reason, password)", ACT,
                        r -> revoke(r, r.field("reason"), r.http().getParameter("password"))),
                Route.post("/api/v1/terminals/{serial}/revoke", "revoke the terminal: {reason, password}", ACT, r -> {
                    RevokeRequest body = r.body(RevokeRequest.class);
                    if (body == null) {
                        throw new InputRefused("send {\"reason\": \"...\", \"password\": \"...\"}");
                    }
                    return revoke(r, body.reason(), body.password());
                }),
                Route.post("/terminals/{serial}/rekey", "order a new TMK for the terminal", ACT, r -> {
                    String serial = Fields.serial(r.pathParameter("serial"));
                    rekey.order(serial, r.actor());
                    return Reply.redirect(pagePath(serial));
                }),
                Route.post("/api/v1/terminals/{serial}/rekey", "order a new TMK for the terminal", ACT, r -> {
                    String serial = Fields.serial(r.pathParameter("serial"));
                    return Reply.json(Map.of("serialNumber", serial, "pendingTmkCheckValue",
                            rekey.order(serial, r.actor())));
                }),
                Route.post("/terminals/{serial}/unlock", "lift the lock after failed activation tries", ACT, r -> {
                    String serial = Fields.serial(r.pathParameter("serial"));
                    activationCodes.unlock(serial, r.actor());
                    return Reply.redirect(pagePath(serial));
                }),
                Route.post("/api/v1/terminals/{serial}/unlock", "lift the lock after failed activation tries", ACT,
                        r -> {
                            String serial = Fields.serial(r.pathParameter("serial"));
                            activationCodes.unlock(serial, r.actor());
                            return Reply.json(Map.of("serialNumber", serial, "unlocked", true));
                        }),
                Route.get("/static/terminals/copy-code.js", "the activation code page's copy button", ACT,
                        r -> Reply.inline("text/javascript", copyScript)));
    }

    private TerminalFilter filter(ConsoleRequest r) {
        String serial = r.field("serial");
        if (serial != null && UnitCodes.serialProblem(serial) != null) {
            throw new InputRefused("serial (the start of a serial number) must be 1 to 32 letters, digits or dashes,"
                    + " not '" + serial + "'");
        }
        String tid = r.field("tid");
        if (tid != null && UnitCodes.tidProblem(tid) != null) {
            throw new InputRefused(UnitCodes.tidProblem(tid));
        }
        String mid = r.field("mid");
        if (mid != null && UnitCodes.midProblem(mid) != null) {
            throw new InputRefused(UnitCodes.midProblem(mid));
        }
        TerminalState state = null;
        String stateName = r.field("state");
        if (stateName != null) {
            try {
                state = TerminalState.valueOf(stateName.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InputRefused("state must be one of " + List.of(TerminalState.values()) + ", not '"
                        + stateName + "'");
            }
        }
        String model = r.field("model");
        if (model != null && UnitCodes.modelProblem(model) != null) {
            throw new InputRefused(UnitCodes.modelProblem(model));
        }
        String provider = r.field("provider");
        if (provider != null && provider.length() > 64) {
            throw new InputRefused("provider must be at most 64 characters (the service provider's name)");
        }
        return new TerminalFilter(serial, tid, mid, state, model, provider, Fields.after(r), Fields.size(r));
    }

    /** The list's link to the page after {@code next}, keeping the search. */
    static String nextHref(TerminalFilter filter, String next) {
        StringBuilder href = new StringBuilder("/terminals?");
        append(href, "serial", filter.serialPrefix());
        append(href, "tid", filter.tid());
        append(href, "mid", filter.mid());
        append(href, "state", filter.state() == null ? null : filter.state().name());
        append(href, "model", filter.model());
        append(href, "provider", filter.serviceProvider());
        append(href, "size", filter.limit() == Fields.DEFAULT_PAGE ? null : String.valueOf(filter.limit()));
        append(href, "after", next);
        return href.substring(0, href.length() - 1);
    }

    private static void append(StringBuilder href, String name, String value) {
        if (value != null) {
            href.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
        }
    }

    private Reply withTerminal(ConsoleRequest r, java.util.function.Function<TerminalOverview, Reply> reply) {
        String serial = Fields.serial(r.pathParameter("serial"));
        return directory.describe(serial).map(reply).orElseGet(() -> Reply.message(404,
                "no terminal with serial number " + serial + " is registered"));
    }

    private static List<MaskedTransaction> masked(TerminalOverview overview) {
        return overview.transactions().stream().map(MaskedTransaction::of).toList();
    }

    private IssuedActivationCode issue(ConsoleRequest r, String mid, String merchantName, Duration validity) {
        String serial = Fields.serial(r.pathParameter("serial"));
        if (mid == null || mid.isBlank()) {
            throw new InputRefused("fill in mid: the merchant (15 letters or digits) the terminal is activated for");
        }
        if (UnitCodes.midProblem(mid.strip()) != null) {
            throw new InputRefused(UnitCodes.midProblem(mid.strip()));
        }
        if (merchantName != null && merchantName.strip().length() > 100) {
            throw new InputRefused("merchantName must be at most 100 characters");
        }
        String name = merchantName == null || merchantName.isBlank() ? null : merchantName.strip();
        return activationCodes.issue(serial, mid.strip(), name,
                validity == null ? ActivationCodes.DEFAULT_VALIDITY : validity, r.actor());
    }

    private static Duration hours(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int hours = Integer.parseInt(value.strip());
            if (hours >= 1 && hours <= 720) {
                return Duration.ofHours(hours);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InputRefused("validityHours must be a whole number of hours from 1 to 720 (30 days), not '" + value
                + "'");
    }

    private Reply revoke(ConsoleRequest r, String reason, String password) {
        String serial = Fields.serial(r.pathParameter("serial"));
        if (reason == null || reason.isBlank()) {
            throw new InputRefused("fill in reason: why terminal " + serial + " is revoked (kept with it and in the"
                    + " audit log)");
        }
        if (reason.strip().length() > 200) {
            throw new InputRefused("shorten reason to at most 200 characters");
        }
        if (password == null || password.isEmpty()) {
            throw new InputRefused("fill in password: enter your own password again to revoke a terminal");
        }
        if (!passwords.confirm(r.user().name(), password)) {
            revocation.recordRefusal(serial, "the password re-entered was not the user's", r.actor());
            return Reply.message(403, "that is not your password: terminal " + serial + " was not revoked");
        }
        revocation.revoke(serial, reason.strip(), r.actor());
        return r.api() ? Reply.json(Map.of("serialNumber", serial, "state", TerminalState.REVOKED.name()))
                : Reply.redirect(pagePath(serial));
    }

    private static String pagePath(String serial) {
        return "/terminals/" + serial;
    }

    private static byte[] resource(String name) {
        try (InputStream in = TerminalSection.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the console's resource " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
