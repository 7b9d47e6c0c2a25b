package tms.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tms.admin.ConsoleSignIn.Outcome;
import tms.admin.console.InputRefused;
import tms.admin.console.Role;
import tms.store.AuditEntry;
import tms.store.AuditLogMapper;
import tms.store.ConsoleAccount;
import tms.store.ConsoleAccountMapper;
import tms.store.Store;
import tms.store.testing.TestDatabase;

class ConsoleSignInTest {

    private static final Actor ADMIN = new Actor("root", "10.0.0.9");

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-14T08:00:00Z"));

    private ConsoleAccess access(Store store) {
        return ConsoleAccess.over(store, clock, new PasswordHashing(RunningConsole.TEST_COST, new SecureRandom()));
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void fiveWrongPasswordsLockTheAccountForFifteenMinutes(TestDatabase db) {
        Store store = db.open();
        ConsoleAccess access = access(store);
        String password = access.accounts().create("alice", EnumSet.of(Role.TECHNICIAN), ADMIN).password();

        for (int i = 1; i <= 4; i++) {
            assertThat(access.signIn().signIn("alice", "wrong " + i, "10.1.1.1").outcome())
                    .isEqualTo(Outcome.WRONG_PASSWORD);
        }
        assertThat(account(store).failedLogins()).isEqualTo(4);
        assertThat(access.signIn().signIn("alice", "wrong 5", "10.1.1.1").outcome()).isEqualTo(Outcome.WRONG_PASSWORD);
        assertThat(account(store).lockedUntil()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));

        // locked: even the right password is refused
        assertThat(access.signIn().signIn("alice", password, "10.1.1.1").outcome()).isEqualTo(Outcome.LOCKED);
        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(access.signIn().signIn("alice", password, "10.1.1.1").outcome()).isEqualTo(Outcome.LOCKED);

        clock.advance(Duration.ofSeconds(1));
        ConsoleSignIn.Result after = access.signIn().signIn("alice", password, "10.1.1.1");
        assertThat(after.outcome()).isEqualTo(Outcome.SIGNED_IN);
        assertThat(after.mustChangePassword()).isTrue();
        assertThat(account(store).failedLogins()).isZero();
        assertThat(account(store).lockedUntil()).isNull();

        List<String> audit = audit(store).stream().map(e -> e.action() + " " + e.outcome()).toList();
        assertThat(audit).containsSubsequence("console.account.create OK", "console.login WRONG_PASSWORD",
                "console.login WRONG_PASSWORD", "console.login WRONG_PASSWORD", "console.login WRONG_PASSWORD",
                "console.login WRONG_PASSWORD", "console.account.lock OK", "console.login LOCKED", "console.login LOCKED",
                "console.login OK");
        AuditEntry lock = audit(store).stream().filter(e -> e.action().equals("console.account.lock")).findFirst()
                .orElseThrow();
        assertThat(lock.actor()).isEqualTo("alice");
        assertThat(lock.sourceAddress()).isEqualTo("10.1.1.1");
        assertThat(lock.afterState()).isEqualTo("locked-until=" + Instant.parse("2026-03-14T08:15:00Z"));
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aLockCanBeLiftedByAnAdministratorAndASuccessForgetsEarlierFailures(TestDatabase db) {
        Store store = db.open();
        ConsoleAccess access = access(store);
        String password = access.accounts().create("alice", EnumSet.of(Role.TECHNICIAN), ADMIN).password();
        for (int i = 0; i < 5; i++) {
            access.signIn().signIn("alice", "wrong", "10.1.1.1");
        }
        assertThat(access.accounts().find("alice").orElseThrow().locked()).isTrue();

        access.accounts().unlock("alice", ADMIN);

        assertThat(access.signIn().signIn("alice", password, "10.1.1.1").signedIn()).isTrue();
        access.signIn().signIn("alice", "wrong", "10.1.1.1");
        access.signIn().signIn("alice", "wrong", "10.1.1.1");
        assertThat(access.signIn().signIn("alice", password, "10.1.1.1").signedIn()).isTrue();
        for (int i = 0; i < 4; i++) {
            access.signIn().signIn("alice", "wrong", "10.1.1.1");
        }
        assertThat(account(store).lockedUntil()).as("4 failures after a success do not lock").isNull();
        AuditEntry unlock = audit(store).stream().filter(e -> e.action().equals("console.account.unlock")).findFirst()
                .orElseThrow();
        assertThat(unlock.actor()).isEqualTo("root");
        assertThat(unlock.beforeState()).contains("locked=true");
        assertThat(unlock.afterState()).isEqualTo("failed-logins=0 locked=false");
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void unknownAndDisabledAccountsAreRefusedAndAudited(TestDatabase db) {
        Store store = db.open();
        ConsoleAccess access = access(store);
        String password = access.accounts().create("alice", EnumSet.of(Role.TECHNICIAN), ADMIN).password();
        access.accounts().create("root", EnumSet.of(Role.ADMIN), ADMIN);
        access.accounts().disable("alice", ADMIN);

        assertThat(access.signIn().signIn("alice", password, "10.1.1.1").outcome()).isEqualTo(Outcome.DISABLED);
        assertThat(access.signIn().signIn("mallory", "guess", "10.6.6.6").outcome()).isEqualTo(Outcome.UNKNOWN_ACCOUNT);
        assertThat(access.signIn().signIn("x".repeat(300), "guess", "10.6.6.6").outcome())
                .isEqualTo(Outcome.UNKNOWN_ACCOUNT);

        assertThat(audit(store)).extracting(e -> e.action() + " " + e.subject() + " " + e.outcome())
                .contains("console.login alice DISABLED", "console.login mallory UNKNOWN_ACCOUNT",
                        "console.login " + "x".repeat(64) + " UNKNOWN_ACCOUNT");
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aWrongConfirmationCountsTowardsTheLock(TestDatabase db) {
        Store store = db.open();
        ConsoleAccess access = access(store);
        String password = access.accounts().create("alice", EnumSet.of(Role.TECHNICIAN), ADMIN).password();

        assertThat(access.signIn().confirm("alice", password)).isTrue();
        for (int i = 0; i < 4; i++) {
            assertThat(access.signIn().confirm("alice", "wrong")).isFalse();
        }
        assertThat(access.signIn().signIn("alice", "wrong", "10.1.1.1").outcome()).isEqualTo(Outcome.WRONG_PASSWORD);
        assertThat(access.signIn().confirm("alice", password)).as("locked").isFalse();
        assertThat(audit(store)).extracting(e -> e.action() + " " + e.outcome())
                .contains("console.password.confirm WRONG_PASSWORD", "console.account.lock OK",
                        "console.password.confirm LOCKED");
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void changingThePasswordNeedsTheCurrentOneAndAnAcceptableNewOne(TestDatabase db) {
        Store store = db.open();
        ConsoleAccess access = access(store);
        String first = access.accounts().create("alice", EnumSet.of(Role.TECHNICIAN), ADMIN).password();
        Actor alice = new Actor("alice", "10.1.1.1");

        assertThatThrownBy(() -> access.signIn().changePassword("alice", first, "short", alice))
                .isInstanceOf(InputRefused.class).hasMessageContaining("12");
        assertThatThrownBy(() -> access.signIn().changePassword("alice", first, "my name is alice ok", alice))
                .isInstanceOf(InputRefused.class).hasMessageContaining("account name");
        assertThatThrownBy(() -> access.signIn().changePassword("alice", "not it at all", "a fine new password", alice))
                .isInstanceOf(InputRefused.class).hasMessageContaining("current password is wrong");
        assertThat(account(store).failedLogins()).isEqualTo(1);

        access.signIn().changePassword("alice", first, "a fine new password", alice);

        assertThat(access.signIn().signIn("alice", first, "10.1.1.1").signedIn()).isFalse();
        ConsoleSignIn.Result now = access.signIn().signIn("alice", "a fine new password", "10.1.1.1");
        assertThat(now.signedIn()).isTrue();
        assertThat(now.mustChangePassword()).isFalse();
        AuditEntry change = audit(store).stream()
                .filter(e -> e.action().equals("console.password.change") && e.outcome().equals("OK")).findFirst()
                .orElseThrow();
        assertThat(change.beforeState()).isEqualTo("must-change-password=true");
        assertThat(change.afterState()).isEqualTo("must-change-password=false");
        assertThat(audit(store)).allSatisfy(e -> assertThat(String.join(" ", String.valueOf(e.detail()),
                String.valueOf(e.beforeState()), String.valueOf(e.afterState())))
                .doesNotContain(first, "a fine new password", "$argon2id"));
    }

    private static ConsoleAccount account(Store store) {
        return store.read(s -> s.getMapper(ConsoleAccountMapper.class).findByName("alice"));
    }

    /** Oldest first. */
    static List<AuditEntry> audit(Store store) {
        List<AuditEntry> entries = new java.util.ArrayList<>(
                store.read(s -> s.getMapper(AuditLogMapper.class).listRecent(1000)));
        java.util.Collections.reverse(entries);
        return entries;
    }
}
