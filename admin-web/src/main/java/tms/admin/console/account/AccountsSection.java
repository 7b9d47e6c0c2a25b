package tms.admin.console.account;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tms.admin.AccountSummary;
import tms.admin.ConsoleAccounts;
import tms.admin.InitialPassword;
import tms.admin.TerminalActionRefused;
import tms.admin.console.ConsoleRequest;
import tms.admin.console.ConsoleSection;
import tms.admin.console.InputRefused;
import tms.admin.console.Reply;
import tms.admin.console.Role;
import tms.admin.console.Route;

/**
 * Console accounts, pages and API: administrators create accounts with roles, change roles, disable, enable,
 * unlock and reset passwords; auditors may read the list (who holds which role) but change nothing.
 */
public final class AccountsSection implements ConsoleSection {

    private static final Set<Role> READERS = EnumSet.of(Role.ADMIN, Role.AUDITOR);
    private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);

    private final ConsoleAccounts accounts;

    public AccountsSection(ConsoleAccounts accounts) {
        this.accounts = accounts;
    }

    /** What the API takes to create an account or change its roles. */
    public record AccountRequest(String name, List<String> roles) {
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/users", "console accounts and their roles", READERS, this::listPage),
                Route.post("/users", "create a console account with roles (its first password is shown once)", ADMIN,
                        r -> created(r, accounts.create(r.requiredField("name"), roles(r), r.actor()))),
                Route.get("/users/{name}", "one console account", READERS, this::onePage),
                Route.post("/users/{name}/roles", "change an account's roles", ADMIN, r -> {
                    accounts.changeRoles(r.pathParameter("name"), roles(r), r.actor());
                    return Reply.redirect(path(r));
                }),
                Route.post("/users/{name}/disable", "disable an account (it can no longer sign in or use tokens)",
                        ADMIN, r -> {
                            accounts.disable(r.pathParameter("name"), r.actor());
                            return Reply.redirect(path(r));
                        }),
                Route.post("/users/{name}/enable", "enable a disabled account", ADMIN, r -> {
                    accounts.enable(r.pathParameter("name"), r.actor());
                    return Reply.redirect(path(r));
                }),
                Route.post("/users/{name}/unlock", "unlock an account locked by wrong passwords", ADMIN, r -> {
                    accounts.unlock(r.pathParameter("name"), r.actor());
                    return Reply.redirect(path(r));
                }),
                Route.post("/users/{name}/password-reset",
                        "give an account a new one-time password (shown once, to be changed at sign-in)", ADMIN,
                        r -> created(r, accounts.resetPassword(r.pathParameter("name"), r.actor()))),

                Route.get("/api/v1/users", "console accounts and their roles", READERS,
                        r -> Reply.json(accounts.list())),
                Route.get("/api/v1/users/{name}", "one console account", READERS,
                        r -> Reply.json(find(r.pathParameter("name")))),
                Route.post("/api/v1/users", "create a console account: {\"name\":..., \"roles\":[...]}; answers its"
                        + " one-time password", ADMIN, r -> {
                            AccountRequest body = r.body(AccountRequest.class);
                            InitialPassword made = accounts.create(body.name(), roles(body.roles()), r.actor());
                            return Reply.json(201, made(made));
                        }),
                Route.post("/api/v1/users/{name}/roles", "change an account's roles: {\"roles\":[...]}", ADMIN, r -> {
                    accounts.changeRoles(r.pathParameter("name"), roles(r.body(AccountRequest.class).roles()),
                            r.actor());
                    return Reply.json(find(r.pathParameter("name")));
                }),
                Route.post("/api/v1/users/{name}/disable", "disable an account", ADMIN, r -> {
                    accounts.disable(r.pathParameter("name"), r.actor());
                    return Reply.json(find(r.pathParameter("name")));
                }),
                Route.post("/api/v1/users/{name}/enable", "enable a disabled account", ADMIN, r -> {
                    accounts.enable(r.pathParameter("name"), r.actor());
                    return Reply.json(find(r.pathParameter("name")));
                }),
                Route.post("/api/v1/users/{name}/unlock", "unlock an account locked by wrong passwords", ADMIN, r -> {
                    accounts.unlock(r.pathParameter("name"), r.actor());
                    return Reply.json(find(r.pathParameter("name")));
                }),
                Route.post("/api/v1/users/{name}/password-reset", "give an account a new one-time password", ADMIN,
                        r -> Reply.json(made(accounts.resetPassword(r.pathParameter("name"), r.actor())))));
    }

    private Reply listPage(ConsoleRequest r) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("accounts", accounts.list());
        parameters.put("roles", List.of(Role.values()));
        return Reply.page("account/users.jte", "Console accounts", parameters);
    }

    private Reply onePage(ConsoleRequest r) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("account", find(r.pathParameter("name")));
        parameters.put("roles", List.of(Role.values()));
        return Reply.page("account/user.jte", "Account " + r.pathParameter("name"), parameters);
    }

    private AccountSummary find(String name) {
        return accounts.find(name).orElseThrow(() -> new TerminalActionRefused("there is no account named " + name));
    }

    private static Reply created(ConsoleRequest r, InitialPassword made) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("initial", made);
        return Reply.page("account/initial-password.jte", "One-time password for " + made.account(), parameters);
    }

    private static Map<String, Object> made(InitialPassword made) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", made.account());
        body.put("initialPassword", made.password());
        body.put("mustChangePassword", true);
        return body;
    }

    private static String path(ConsoleRequest r) {
        return "/users/" + java.net.URLEncoder.encode(r.pathParameter("name"), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The roles ticked on a form (checkboxes named "role"). */
    private static Set<Role> roles(ConsoleRequest r) {
        String[] ticked = r.http().getParameterValues("role");
        return roles(ticked == null ? List.of() : List.of(ticked));
    }

    private static Set<Role> roles(List<String> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (names != null) {
            for (String name : names) {
                try {
                    roles.add(Role.valueOf(name.trim()));
                } catch (IllegalArgumentException e) {
                    throw new InputRefused("there is no role " + name + "; the roles are " + List.of(Role.values()));
                }
            }
        }
        return roles;
    }
}
