package tms.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import tms.admin.console.InputRefused;
import tms.admin.console.PasswordConfirmation;
import tms.store.ConsoleAccount;
import tms.store.ConsoleAccountMapper;
import tms.store.Store;

/**
 * Checks console passwords: at sign-in, when a grave action asks for it again, and when a user changes it.
 * Five wrong passwords in a row lock the account for fifteen minutes; every attempt is audited.
 */
public final class ConsoleSignIn implements PasswordConfirmation {

    public static final int MAX_FAILED_LOGINS = 5;
    public static final Duration LOCK = Duration.ofMinutes(15);

    private final Store store;
    private final Clock clock;
    private final PasswordHashing hashing;

    public ConsoleSignIn(Store store, Clock clock, PasswordHashing hashing) {
        this.store = store;
        this.clock = clock;
        this.hashing = hashing;
    }

    /** How a sign-in ended. The page tells the user only SIGNED_IN or not, so nobody learns which names exist. */
    public enum Outcome { SIGNED_IN, WRONG_PASSWORD, LOCKED, DISABLED, UNKNOWN_ACCOUNT }

    /** The outcome, and whether the password must be changed before anything else. */
    public record Result(Outcome outcome, boolean mustChangePassword) {

        public boolean signedIn() {
            return outcome == Outcome.SIGNED_IN;
        }
    }

    public Result signIn(String name, String password, String sourceAddress) {
        Actor actor = new Actor(claimedName(name), sourceAddress == null ? "unknown" : sourceAddress);
        Outcome outcome = check(name, password, actor, "console.login");
        boolean mustChange = false;
        if (outcome == Outcome.SIGNED_IN) {
            Instant now = clock.instant();
            mustChange = store.write(s -> {
                ConsoleAccountMapper accounts = s.getMapper(ConsoleAccountMapper.class);
                ConsoleAccount account = accounts.findByNameForUpdate(name);
                accounts.recordLogin(account.id(), now);
                if (hashing.outdated(account.passwordHash())) {
                    // the cost was raised since this hash was made: store it at today's cost while we know the password
                    accounts.updatePassword(account.id(), hashing.hash(password), account.mustChangePassword(),
                            account.passwordChangedAt() == null ? account.createdAt() : account.passwordChangedAt());
                }
                AuditTrail.record(s, now, actor, "console.login", name, "OK", null,
                        "failed-logins=" + account.failedLogins(), "failed-logins=0");
                return account.mustChangePassword();
            });
        }
        return new Result(outcome, mustChange);
    }

    /** Checks a signed-in user's password again; a wrong one counts towards the lock like a failed sign-in. */
    @Override
    public boolean confirm(String userName, String password) {
        return check(userName, password, new Actor(claimedName(userName), "console"), "console.password.confirm")
                == Outcome.SIGNED_IN;
    }

    /** Records a sign-out (the session itself is ended by the caller). */
    public void signedOut(Actor actor) {
        store.write(s -> {
            AuditTrail.record(s, clock.instant(), actor, "console.logout", actor.name(), "OK", null, null, null);
            return null;
        });
    }

    /** The current password (a wrong one counts towards the lock), then the new one, which must be acceptable. */
    public void changePassword(String name, String current, String next, Actor actor) {
        AccountNames.requireAcceptable(name, next);
        if (next.equals(current)) {
            throw new InputRefused("the new password must differ from the current one");
        }
        if (check(name, current, actor, "console.password.change") != Outcome.SIGNED_IN) {
            throw new InputRefused("the current password is wrong (after " + MAX_FAILED_LOGINS
                    + " wrong passwords in a row the account is locked for " + LOCK.toMinutes() + " minutes)");
        }
        String hash = hashing.hash(next);
        Instant now = clock.instant();
        store.write(s -> {
            ConsoleAccountMapper accounts = s.getMapper(ConsoleAccountMapper.class);
            ConsoleAccount account = accounts.findByNameForUpdate(name);
            accounts.updatePassword(account.id(), hash, false, now);
            AuditTrail.record(s, now, actor, "console.password.change", name, "OK", null,
                    "must-change-password=" + account.mustChangePassword(), "must-change-password=false");
            return null;
        });
    }

    /**
     * The password check shared by sign-in, confirmation and change. Failures are audited under {@code action};
     * the lock is audited as console.account.lock. Unknown, disabled and locked accounts cost the same time as a
     * real check, so timing does not tell them apart either.
     */
    private Outcome check(String name, String password, Actor actor, String action) {
        if (name == null || name.isBlank() || password == null) {
            hashing.decoy(password);
            return Outcome.UNKNOWN_ACCOUNT;
        }
        Instant now = clock.instant();
        String subject = claimedName(name);
        ConsoleAccount account = store.read(s -> s.getMapper(ConsoleAccountMapper.class).findByName(name));
        Outcome refused = account == null ? Outcome.UNKNOWN_ACCOUNT
                : account.disabled() ? Outcome.DISABLED
                : account.lockedAt(now) ? Outcome.LOCKED
                : null;
        if (refused != null) {
            hashing.decoy(password);
            audit(actor, action, subject, refused.name(), refused == Outcome.LOCKED
                    ? "locked until " + account.lockedUntil() : null);
            return refused;
        }
        if (hashing.matches(password, account.passwordHash())) {
            return Outcome.SIGNED_IN;
        }
        store.write(s -> {
            ConsoleAccountMapper accounts = s.getMapper(ConsoleAccountMapper.class);
            ConsoleAccount row = accounts.findByNameForUpdate(name);
            Instant at = clock.instant();
            // a lock that has run out leaves the count at zero (it was reset when the lock began)
            int failed = row.failedLogins() + 1;
            String before = "failed-logins=" + row.failedLogins();
            if (failed >= MAX_FAILED_LOGINS) {
                Instant until = at.plus(LOCK);
                accounts.updateFailedLogins(row.id(), 0, until);
                AuditTrail.record(s, at, actor, action, name, Outcome.WRONG_PASSWORD.name(), null, before,
                        "failed-logins=" + failed);
                AuditTrail.record(s, at, actor, "console.account.lock", name, "OK", MAX_FAILED_LOGINS
                        + " wrong passwords in a row", before, "locked-until=" + until);
            } else {
                accounts.updateFailedLogins(row.id(), failed, row.lockedUntil());
                AuditTrail.record(s, at, actor, action, name, Outcome.WRONG_PASSWORD.name(), null, before,
                        "failed-logins=" + failed);
            }
            return null;
        });
        return Outcome.WRONG_PASSWORD;
    }

    private void audit(Actor actor, String action, String subject, String outcome, String detail) {
        store.write(s -> {
            AuditTrail.record(s, clock.instant(), actor, action, subject, outcome, detail, null, null);
            return null;
        });
    }

    /** The name someone typed, fit for the audit log's actor column. */
    private static String claimedName(String name) {
        if (name == null || name.isBlank()) {
            return "anonymous";
        }
        String trimmed = name.strip();
        return trimmed.length() > 64 ? trimmed.substring(0, 64) : trimmed;
    }
}
