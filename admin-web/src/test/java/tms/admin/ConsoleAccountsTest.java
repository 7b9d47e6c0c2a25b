package tms.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tms.admin.console.InputRefused;
import tms.admin.console.Role;
import tms.store.AuditEntry;
import tms.store.ConsoleApiToken;
import tms.store.ConsoleApiTokenMapper;
import tms.store.Store;
import tms.store.testing.TestDatabase;

class ConsoleAccountsTest {

    private static final Actor ROOT = new Actor("root", "10.0.0.9");

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-14T08:00:00Z"));

    private ConsoleAccess access(Store store) {
        return ConsoleAccess.over(store, clock, new PasswordHashing(RunningConsole.TEST_COST, new SecureRandom()));
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void theFirstAdministratorIsMadeOnceWithARandomPasswordToChange(TestDatabase db) {
        Store store = db.open();
        ConsoleAccess access = access(store);

        Optional<InitialPassword> first = access.accounts().createFirstAdmin(new Actor("system", "local"));
        Optional<InitialPassword> again = access.accounts().createFirstAdmin(new Actor("system", "local"));
        Optional<InitialPassword> otherNode = access(db.openAnother()).accounts()
                .createFirstAdmin(new Actor("system", "local"));

        assertThat(first).isPresent();
        assertThat(again).isEmpty();
        assertThat(otherNode).isEmpty();
        assertThat(first.get().account()).isEqualTo("admin");
        assertThat(first.get().password()).matches("[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}");
        assertThat(first.get().toString()).doesNotContain(first.get().password());
        AccountSummary admin = access.accounts().find("admin").orElseThrow();
        assertThat(admin.roles()).containsExactly(Role.ADMIN);
        assertThat(admin.mustChangePassword()).isTrue();
        ConsoleSignIn.Result signedIn = access.signIn().signIn("admin", first.get().password(), "127.0.0.1");
        assertThat(signedIn.signedIn()).isTrue();
        assertThat(signedIn.mustChangePassword()).isTrue();
        assertThat(ConsoleSignInTest.audit(store)).first().satisfies(e -> {
            assertThat(e.action()).isEqualTo("console.account.create");
            assertThat(e.actor()).isEqualTo("system");
            assertThat(e.afterState()).isEqualTo("roles=ADMIN disabled=false must-change-password=true");
        });
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void everyChangeToAnAccountIsAuditedWithBeforeAndAfter(TestDatabase db) {
        Store store = db.open();
        ConsoleAccess access = access(store);
        access.accounts().create("root", EnumSet.of(Role.ADMIN), ROOT);

        access.accounts().create("bob", EnumSet.of(Role.WAREHOUSE), ROOT);
        access.accounts().changeRoles("bob", EnumSet.of(Role.WAREHOUSE, Role.AFTER_SALES), ROOT);
        access.accounts().disable("bob", ROOT);
        access.accounts().enable("bob", ROOT);
        access.signIn().signIn("bob", "wrong", "10.2.2.2");
        access.accounts().unlock("bob", ROOT);
        InitialPassword reset = access.accounts().resetPassword("bob", ROOT);

        List<AuditEntry> entries = ConsoleSignInTest.audit(store).stream().filter(e -> "bob".equals(e.subject()))
                .filter(e -> e.actor().equals("root")).toList();
        assertThat(entries).extracting(e -> e.action() + " | " + e.beforeState() + " | " + e.afterState())
                .containsExactly(
                        "console.account.create | null | roles=WAREHOUSE disabled=false must-change-password=true",
                        "console.account.roles | roles=WAREHOUSE disabled=false failed-logins=0 locked=false"
                                + " must-change-password=true | roles=WAREHOUSE,AFTER_SALES",
                        "console.account.disable | roles=WAREHOUSE,AFTER_SALES disabled=false failed-logins=0"
                                + " locked=false must-change-password=true | disabled=true",
                        "console.account.enable | roles=WAREHOUSE,AFTER_SALES disabled=true failed-logins=0"
                                + " locked=false must-change-password=true | disabled=false",
                        "console.account.unlock | roles=WAREHOUSE,AFTER_SALES disabled=false failed-logins=1"
                                + " locked=false must-change-password=true | failed-logins=0 locked=false",
                        "console.account.password-reset | roles=WAREHOUSE,AFTER_SALES disabled=false failed-logins=0"
                                + " locked=false must-change-password=true | must-change-password=true failed-logins=0"
                                + " locked=false");
        assertThat(entries).allSatisfy(e -> assertThat(e.sourceAddress()).isEqualTo("10.0.0.9"));
        assertThat(access.signIn().signIn("bob", reset.password(), "10.2.2.2").mustChangePassword()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void refusesBadNamesDuplicatesNoRolesAndLosingTheLastAdministrator(TestDatabase db) {
        Store store = db.open();
        ConsoleAccess access = access(store);
        access.accounts().create("root", EnumSet.of(Role.ADMIN), ROOT);

        assertThatThrownBy(() -> access.accounts().create("Bob Smith", EnumSet.of(Role.ADMIN), ROOT))
                .isInstanceOf(InputRefused.class).hasMessageContaining("'Bob Smith'");
        assertThatThrownBy(() -> access.accounts().create("root", EnumSet.of(Role.ADMIN), ROOT))
                .isInstanceOf(TerminalActionRefused.class).hasMessageContaining("exists already");
        assertThatThrownBy(() -> access.accounts().create("carol", EnumSet.noneOf(Role.class), ROOT))
                .isInstanceOf(InputRefused.class).hasMessageContaining("at least one role");
        assertThatThrownBy(() -> access.accounts().changeRoles("root", EnumSet.of(Role.AUDITOR), ROOT))
                .isInstanceOf(TerminalActionRefused.class).hasMessageContaining("last enabled administrator");
        assertThatThrownBy(() -> access.accounts().disable("root", new Actor("other", "x")))
                .isInstanceOf(TerminalActionRefused.class).hasMessageContaining("last enabled administrator");
        assertThatThrownBy(() -> access.accounts().disable("root", ROOT))
                .isInstanceOf(TerminalActionRefused.class).hasMessageContaining("your own account");
        assertThatThrownBy(() -> access.accounts().unlock("nobody", ROOT))
                .isInstanceOf(TerminalActionRefused.class).hasMessageContaining("no account named nobody");

        access.accounts().create("second", EnumSet.of(Role.ADMIN), ROOT);
        access.accounts().changeRoles("root", EnumSet.of(Role.AUDITOR), ROOT);
        assertThat(access.accounts().find("root").orElseThrow().roles()).containsExactly(Role.AUDITOR);
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void apiTokensAreShownOnceKeptAsHashesAndStopWorkingWhenRevokedOrTheAccountIsDisabled(TestDatabase db) {
        Store store = db.open();
        ConsoleAccess access = access(store);
        access.accounts().create("root", EnumSet.of(Role.ADMIN), ROOT);
        access.accounts().create("alice", EnumSet.of(Role.TECHNICIAN), ROOT);
        Actor alice = new Actor("alice", "10.1.1.1");

        IssuedApiToken token = access.tokens().create("alice", "nightly export", alice);

        assertThat(token.token()).matches("tms_[A-Za-z0-9_-]{43}");
        assertThat(token.toString()).doesNotContain(token.token());
        assertThat(access.tokens().owner(token.token())).hasValue("alice");
        assertThat(access.tokens().owner(token.token() + "x")).isEmpty();
        assertThat(access.tokens().owner("tms_" + "A".repeat(43))).isEmpty();
        ConsoleApiToken stored = store.read(s -> s.getMapper(ConsoleApiTokenMapper.class).findById(token.id()));
        assertThat(stored.tokenHash()).isEqualTo(ApiTokens.hash(token.token())).doesNotContain(token.token());
        assertThat(stored.tokenPrefix()).isEqualTo(token.token().substring(0, 12));
        assertThat(stored.lastUsedAt()).isEqualTo(clock.instant());
        assertThat(access.tokens().list("alice")).singleElement().satisfies(t -> {
            assertThat(t.label()).isEqualTo("nightly export");
            assertThat(t.revokedAt()).isNull();
        });

        assertThatThrownBy(() -> access.tokens().revoke("root", token.id(), ROOT))
                .isInstanceOf(TerminalActionRefused.class).hasMessageContaining("no API token");
        access.tokens().revoke("alice", token.id(), alice);
        assertThat(access.tokens().owner(token.token())).isEmpty();
        assertThatThrownBy(() -> access.tokens().revoke("alice", token.id(), alice))
                .isInstanceOf(TerminalActionRefused.class).hasMessageContaining("revoked already");

        IssuedApiToken second = access.tokens().create("alice", "laptop", alice);
        assertThat(access.accounts().signedIn(access.tokens().owner(second.token()).orElseThrow())).isPresent();
        access.accounts().disable("alice", ROOT);
        assertThat(access.accounts().signedIn("alice")).isEmpty();

        assertThat(ConsoleSignInTest.audit(store)).filteredOn(e -> e.action().startsWith("console.token"))
                .extracting(e -> e.action() + " " + e.actor() + " " + e.afterState())
                .containsExactly("console.token.create alice token=" + token.id() + " prefix="
                                + token.token().substring(0, 12),
                        "console.token.revoke alice token=" + token.id() + " revoked=true",
                        "console.token.create alice token=" + second.id() + " prefix=" + second.token().substring(0, 12));
        assertThatThrownBy(() -> access.tokens().create("alice", " ", alice)).isInstanceOf(InputRefused.class);
    }
}
