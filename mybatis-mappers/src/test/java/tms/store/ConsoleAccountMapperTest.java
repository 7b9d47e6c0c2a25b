package tms.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tms.store.testing.TestDatabase;

class ConsoleAccountMapperTest {

    private static final Instant CREATED = Instant.parse("2024-03-14T04:00:00.123456Z");

    private static ConsoleAccount account(String name) {
        return new ConsoleAccount(null, name, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", true, false, 0, null,
                CREATED, "cli:root", null, null);
    }

    private static ConsoleAccount insert(Store store, String name, String... roles) {
        return store.write(s -> {
            ConsoleAccountMapper accounts = s.getMapper(ConsoleAccountMapper.class);
            accounts.insert(account(name));
            ConsoleAccount stored = accounts.findByName(name);
            for (String role : roles) {
                accounts.insertRole(stored.id(), role);
            }
            return stored;
        });
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void storesAnAccountWithItsRolesAndFindsItByName(TestDatabase db) {
        Store store = db.open();
        ConsoleAccount stored = insert(store, "alice", "TECHNICIAN", "AUDITOR");
        insert(store, "bob", "ADMIN");

        assertThat(stored).usingRecursiveComparison().ignoringFields("id").isEqualTo(account("alice"));
        List<String> roles = store.read(s -> s.getMapper(ConsoleAccountMapper.class).rolesOf(stored.id()));
        assertThat(roles).containsExactly("AUDITOR", "TECHNICIAN");
        List<ConsoleAccount> all = store.read(s -> s.getMapper(ConsoleAccountMapper.class).list());
        assertThat(all).extracting(ConsoleAccount::name).containsExactly("alice", "bob");
        long count = store.read(s -> s.getMapper(ConsoleAccountMapper.class).count());
        assertThat(count).isEqualTo(2);
        List<ConsoleAccountRole> everyRole = store.read(s -> s.getMapper(ConsoleAccountMapper.class).listRoles());
        assertThat(everyRole).hasSize(3).contains(new ConsoleAccountRole(stored.id(), "TECHNICIAN"));
        ConsoleAccount byId = store.read(s -> s.getMapper(ConsoleAccountMapper.class).findById(stored.id()));
        assertThat(byId).isEqualTo(stored);
        ConsoleAccount nobody = store.read(s -> s.getMapper(ConsoleAccountMapper.class).findByName("carol"));
        assertThat(nobody).isNull();
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void refusesASecondAccountOfTheSameName(TestDatabase db) {
        Store store = db.open();
        insert(store, "alice");

        assertThatThrownBy(() -> insert(store, "alice")).satisfies(e -> assertThat(Store.isDuplicateKey(e)).isTrue());
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void countsFailuresLocksAndForgetsThemAtTheNextSignIn(TestDatabase db) {
        Store store = db.open();
        long id = insert(store, "alice").id();
        Instant until = Instant.parse("2024-03-14T04:15:00.000001Z");
        Instant login = Instant.parse("2024-03-14T05:00:00.5Z");

        ConsoleAccount locked = store.write(s -> {
            ConsoleAccountMapper accounts = s.getMapper(ConsoleAccountMapper.class);
            ConsoleAccount row = accounts.findByNameForUpdate("alice");
            accounts.updateFailedLogins(row.id(), 0, until);
            return accounts.findByName("alice");
        });
        assertThat(locked.lockedUntil()).isEqualTo(until);
        assertThat(locked.lockedAt(until.minusNanos(1000))).isTrue();
        assertThat(locked.lockedAt(until)).isFalse();

        ConsoleAccount after = store.write(s -> {
            ConsoleAccountMapper accounts = s.getMapper(ConsoleAccountMapper.class);
            accounts.updateFailedLogins(id, 3, null);
            accounts.recordLogin(id, login);
            return accounts.findByName("alice");
        });
        assertThat(after.failedLogins()).isZero();
        assertThat(after.lockedUntil()).isNull();
        assertThat(after.lastLoginAt()).isEqualTo(login);
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void changesThePasswordRolesAndDisabledFlag(TestDatabase db) {
        Store store = db.open();
        long id = insert(store, "alice", "TECHNICIAN").id();
        Instant changed = Instant.parse("2024-03-15T00:00:00Z");

        ConsoleAccount after = store.write(s -> {
            ConsoleAccountMapper accounts = s.getMapper(ConsoleAccountMapper.class);
            assertThat(accounts.updatePassword(id, "$argon2id$new", false, changed)).isEqualTo(1);
            assertThat(accounts.deleteRoles(id)).isEqualTo(1);
            accounts.insertRole(id, "WAREHOUSE");
            accounts.updateDisabled(id, true);
            return accounts.findByName("alice");
        });

        assertThat(after.passwordHash()).isEqualTo("$argon2id$new");
        assertThat(after.mustChangePassword()).isFalse();
        assertThat(after.passwordChangedAt()).isEqualTo(changed);
        assertThat(after.disabled()).isTrue();
        List<String> roles = store.read(s -> s.getMapper(ConsoleAccountMapper.class).rolesOf(id));
        assertThat(roles).containsExactly("WAREHOUSE");
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void keepsTokensAsHashesFindsRevokesAndTouchesThem(TestDatabase db) {
        Store store = db.open();
        long id = insert(store, "alice").id();
        String hash = "a".repeat(64);
        Instant t0 = Instant.parse("2024-03-14T04:00:00Z");

        store.write(s -> {
            ConsoleApiTokenMapper tokens = s.getMapper(ConsoleApiTokenMapper.class);
            tokens.insert(new ConsoleApiToken(null, id, "ci job", "tms_abcd", hash, t0, null, null));
            tokens.insert(new ConsoleApiToken(null, id, "laptop", "tms_efgh", "b".repeat(64), t0, null, null));
            return null;
        });
        ConsoleApiToken found = store.read(s -> s.getMapper(ConsoleApiTokenMapper.class).findByHash(hash));
        assertThat(found).isEqualTo(new ConsoleApiToken(found.id(), id, "ci job", "tms_abcd", hash, t0, null, null));
        List<ConsoleApiToken> listed = store.read(s -> s.getMapper(ConsoleApiTokenMapper.class).listByAccount(id));
        assertThat(listed).extracting(ConsoleApiToken::label).containsExactly("laptop", "ci job");

        int[] touched = store.write(s -> {
            ConsoleApiTokenMapper tokens = s.getMapper(ConsoleApiTokenMapper.class);
            int first = tokens.touch(found.id(), t0.plusSeconds(10), t0.plusSeconds(10).minusSeconds(60));
            int soonAfter = tokens.touch(found.id(), t0.plusSeconds(20), t0.plusSeconds(20).minusSeconds(60));
            int later = tokens.touch(found.id(), t0.plusSeconds(100), t0.plusSeconds(100).minusSeconds(60));
            return new int[] {first, soonAfter, later};
        });
        assertThat(touched).containsExactly(1, 0, 1);

        int[] revoked = store.write(s -> new int[] {
            s.getMapper(ConsoleApiTokenMapper.class).revoke(found.id(), t0.plusSeconds(200)),
            s.getMapper(ConsoleApiTokenMapper.class).revoke(found.id(), t0.plusSeconds(300))});
        assertThat(revoked).containsExactly(1, 0);
        ConsoleApiToken after = store.read(s -> s.getMapper(ConsoleApiTokenMapper.class).findById(found.id()));
        assertThat(after.revokedAt()).isEqualTo(t0.plusSeconds(200));
        assertThat(after.lastUsedAt()).isEqualTo(t0.plusSeconds(100));
        assertThat(after.revoked()).isTrue();
    }
}
