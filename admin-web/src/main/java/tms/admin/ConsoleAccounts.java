package tms.admin;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.admin.console.ConsoleUser;
import tms.admin.console.Role;
import tms.store.ConsoleAccount;
import tms.store.ConsoleAccountMapper;
import tms.store.ConsoleAccountRole;
import tms.store.Store;

/**
 * Console accounts as an administrator manages them: create with roles (a random first password, to be
 * changed at first sign-in), change roles, disable and enable, unlock, reset the password. Every change is
 * audited with the state before and after. The very first account is made at the first start.
 */
public final class ConsoleAccounts {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleAccounts.class);
    /** The account made at the first start. */
    public static final String FIRST_ADMIN = "admin";

    private final Store store;
    private final Clock clock;
    private final PasswordHashing hashing;
    private final SecureRandom random;

    public ConsoleAccounts(Store store, Clock clock, PasswordHashing hashing, SecureRandom random) {
        this.store = store;
        this.clock = clock;
        this.hashing = hashing;
        this.random = random;
    }

    /**
     * When no account exists at all: creates {@value #FIRST_ADMIN} with the ADMIN role and a random password,
     * which the caller shows once (on standard output, never in a log). Empty when accounts exist already
     * (including when another node made the first one a moment ago).
     */
    public Optional<InitialPassword> createFirstAdmin(Actor actor) {
        if (store.read(s -> s.getMapper(ConsoleAccountMapper.class).count()) > 0) {
            return Optional.empty();
        }
        try {
            InitialPassword made = create(FIRST_ADMIN, EnumSet.of(Role.ADMIN), actor, true);
            LOG.info("created the first console account '{}' (ADMIN); its one-time password went to standard output,"
                    + " and must be changed at the first sign-in", FIRST_ADMIN);
            return Optional.of(made);
        } catch (RuntimeException e) {
            if (Store.isDuplicateKey(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A new account with these roles and a random password it must change at first sign-in. */
    public InitialPassword create(String name, Set<Role> roles, Actor actor) {
        return create(name, roles, actor, false);
    }

    private InitialPassword create(String name, Set<Role> roles, Actor actor, boolean first) {
        AccountNames.requireName(name);
        Set<Role> chosen = AccountNames.requireRoles(roles);
        String password = AccountNames.randomPassword(random);
        String hash = hashing.hash(password);
        Instant now = clock.instant();
        try {
            store.write(s -> {
                ConsoleAccountMapper accounts = s.getMapper(ConsoleAccountMapper.class);
                if (accounts.findByName(name) != null) {
                    throw new TerminalActionRefused("an account named " + name + " exists already: choose another name");
                }
                accounts.insert(new ConsoleAccount(null, name, hash, true, false, 0, null, now, actor.name(), null, null));
                long id = accounts.findByName(name).id();
                for (Role role : chosen) {
                    accounts.insertRole(id, role.name());
                }
                AuditTrail.record(s, now, actor, "console.account.create", name, "OK",
                        first ? "the first account, made at the first start" : null, null,
                        "roles=" + AccountNames.describe(chosen) + " disabled=false must-change-password=true");
                return null;
            });
        } catch (RuntimeException e) {
            if (Store.isDuplicateKey(e) && !first) {
                throw new TerminalActionRefused("an account named " + name + " exists already: choose another name");
            }
            throw e;
        }
        return new InitialPassword(name, password);
    }

    /** Every account, by name. */
    public List<AccountSummary> list() {
        return store.read(s -> {
            ConsoleAccountMapper accounts = s.getMapper(ConsoleAccountMapper.class);
            Map<Long, Set<Role>> roles = new HashMap<>();
            for (ConsoleAccountRole role : accounts.listRoles()) {
                roles.computeIfAbsent(role.accountId(), k -> EnumSet.noneOf(Role.class)).add(Role.valueOf(role.role()));
            }
            List<AccountSummary> out = new ArrayList<>();
            for (ConsoleAccount account : accounts.list()) {
                out.add(summary(account, roles.getOrDefault(account.id(), Set.of())));
            }
            return out;
        });
    }

    public Optional<AccountSummary> find(String name) {
        return Optional.ofNullable(store.read(s -> {
            ConsoleAccountMapper accounts = s.getMapper(ConsoleAccountMapper.class);
            ConsoleAccount account = name == null ? null : accounts.findByName(name);
            return account == null ? null : summary(account, roles(accounts, account.id()));
        }));
    }

    /**
     * The user behind a session or token, as the store says now (so a role change or a disabled account takes
     * effect on the next request); empty when the account is gone or disabled.
     */
    public Optional<SignedInAccount> signedIn(String name) {
        return Optional.ofNullable(store.read(s -> {
            ConsoleAccountMapper accounts = s.getMapper(ConsoleAccountMapper.class);
            ConsoleAccount account = accounts.findByName(name);
            if (account == null || account.disabled()) {
                return null;
            }
            return new SignedInAccount(new ConsoleUser(name, roles(accounts, account.id())), account.mustChangePassword());
        }));
    }

    /** A signed-in user and whether they must change their password before anything else. */
    public record SignedInAccount(ConsoleUser user, boolean mustChangePassword) {
    }

    public void changeRoles(String name, Set<Role> roles, Actor actor) {
        Set<Role> chosen = AccountNames.requireRoles(roles);
        change(name, actor, "console.account.roles", (s, accounts, account, before) -> {
            if (before.contains(Role.ADMIN) && !chosen.contains(Role.ADMIN)) {
                requireAnotherAdmin(s, name, "take the ADMIN role from");
            }
            accounts.deleteRoles(account.id());
            for (Role role : chosen) {
                accounts.insertRole(account.id(), role.name());
            }
            return "roles=" + AccountNames.describe(chosen);
        });
    }

    public void disable(String name, Actor actor) {
        if (name.equals(actor.name())) {
            throw new TerminalActionRefused("you cannot disable your own account: ask another administrator");
        }
        change(name, actor, "console.account.disable", (s, accounts, account, roles) -> {
            if (account.disabled()) {
                throw new TerminalActionRefused("account " + name + " is disabled already");
            }
            if (roles.contains(Role.ADMIN)) {
                requireAnotherAdmin(s, name, "disable");
            }
            accounts.updateDisabled(account.id(), true);
            return "disabled=true";
        });
    }

    public void enable(String name, Actor actor) {
        change(name, actor, "console.account.enable", (s, accounts, account, roles) -> {
            if (!account.disabled()) {
                throw new TerminalActionRefused("account " + name + " is not disabled: nothing to enable");
            }
            accounts.updateDisabled(account.id(), false);
            return "disabled=false";
        });
    }

    /** Lifts a lock from failed sign-ins at once, and forgets the failed tries. */
    public void unlock(String name, Actor actor) {
        Instant now = clock.instant();
        change(name, actor, "console.account.unlock", (s, accounts, account, roles) -> {
            if (!account.lockedAt(now) && account.failedLogins() == 0) {
                throw new TerminalActionRefused("account " + name + " is not locked: nothing to unlock");
            }
            accounts.updateFailedLogins(account.id(), 0, null);
            return "failed-logins=0 locked=false";
        });
    }

    /** A new random password the user must change at the next sign-in; the lock, if any, is lifted too. */
    public InitialPassword resetPassword(String name, Actor actor) {
        String password = AccountNames.randomPassword(random);
        String hash = hashing.hash(password);
        Instant now = clock.instant();
        change(name, actor, "console.account.password-reset", (s, accounts, account, roles) -> {
            accounts.updatePassword(account.id(), hash, true, now);
            accounts.updateFailedLogins(account.id(), 0, null);
            return "must-change-password=true failed-logins=0 locked=false";
        });
        return new InitialPassword(name, password);
    }

    private interface Change {
        /** Makes the change and returns the state after it, as the audit log shows it. */
        String apply(SqlSession session, ConsoleAccountMapper accounts, ConsoleAccount account, Set<Role> roles);
    }

    private void change(String name, Actor actor, String action, Change change) {
        Instant now = clock.instant();
        store.write(s -> {
            ConsoleAccountMapper accounts = s.getMapper(ConsoleAccountMapper.class);
            ConsoleAccount account = name == null ? null : accounts.findByNameForUpdate(name);
            if (account == null) {
                throw new TerminalActionRefused("there is no account named " + name);
            }
            Set<Role> roles = roles(accounts, account.id());
            String before = state(account, roles, now);
            String after = change.apply(s, accounts, account, roles);
            AuditTrail.record(s, now, actor, action, name, "OK", null, before, after);
            return null;
        });
    }

    private static String state(ConsoleAccount account, Set<Role> roles, Instant now) {
        return "roles=" + AccountNames.describe(roles) + " disabled=" + account.disabled() + " failed-logins="
                + account.failedLogins() + " locked=" + account.lockedAt(now) + " must-change-password="
                + account.mustChangePassword();
    }

    /** Keeps the console administrable: the last enabled administrator cannot lose the role or be disabled. */
    private static void requireAnotherAdmin(SqlSession s, String name, String what) {
        ConsoleAccountMapper accounts = s.getMapper(ConsoleAccountMapper.class);
        Map<Long, ConsoleAccount> byId = new HashMap<>();
        for (ConsoleAccount a : accounts.list()) {
            byId.put(a.id(), a);
        }
        boolean another = accounts.listRoles().stream()
                .filter(r -> Role.ADMIN.name().equals(r.role()))
                .map(r -> byId.get(r.accountId()))
                .anyMatch(a -> a != null && !a.disabled() && !a.name().equals(name));
        if (!another) {
            throw new TerminalActionRefused("cannot " + what + " " + name + ": it is the last enabled administrator"
                    + " (give another account the ADMIN role first)");
        }
    }

    private static Set<Role> roles(ConsoleAccountMapper accounts, long id) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : accounts.rolesOf(id)) {
            roles.add(Role.valueOf(role));
        }
        return roles;
    }

    private AccountSummary summary(ConsoleAccount a, Set<Role> roles) {
        Instant now = clock.instant();
        boolean locked = a.lockedAt(now);
        return new AccountSummary(a.name(), roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles), a.disabled(), locked,
                locked ? a.lockedUntil() : null, a.failedLogins(), a.mustChangePassword(), a.createdAt(), a.createdBy(),
                a.lastLoginAt());
    }
}
