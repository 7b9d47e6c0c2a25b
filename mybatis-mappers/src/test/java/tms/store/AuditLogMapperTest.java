package tms.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.ibatis.mapping.SqlCommandType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tms.store.testing.TestDatabase;
import tms.store.testing.TestDatabases;

class AuditLogMapperTest {

    private static final Instant T0 = Instant.parse("2024-03-14T00:00:00Z");

    @Test
    void theMapperInterfaceCanOnlyAppendAndRead() {
        List<String> names = Arrays.stream(AuditLogMapper.class.getMethods()).map(Method::getName).toList();
        assertThat(names).contains("insert", "search", "count")
                .allSatisfy(name -> assertThat(name.toLowerCase())
                        .doesNotContain("update", "delete", "remove", "clear", "truncate", "purge", "replace", "merge",
                                "set", "change", "edit", "modify"));
    }

    @Test
    void itsStatementsAreInsertsAndSelectsOnly() {
        try (TestDatabase db = TestDatabases.h2()) {
            Store store = db.open();
            var configuration = store.sessions().getConfiguration();
            // the names include short aliases too; the fully qualified ones are each statement once
            Set<SqlCommandType> kinds = configuration.getMappedStatementNames().stream()
                    .filter(id -> id.startsWith(AuditLogMapper.class.getName() + "."))
                    .map(id -> configuration.getMappedStatement(id).getSqlCommandType())
                    .collect(Collectors.toSet());
            assertThat(kinds).containsExactlyInAnyOrder(SqlCommandType.INSERT, SqlCommandType.SELECT);
        }
    }

    private static void append(Store store, Instant at, String actor, String action, String subject) {
        store.write(s -> {
            s.getMapper(AuditLogMapper.class).insert(new AuditEntry(null, at, actor, action, subject, "10.0.0.1", "OK",
                    null, "before", "after"));
            return null;
        });
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void searchesByActorActionPrefixSubjectAndTimeNewestFirstInPages(TestDatabase db) {
        Store store = db.open();
        append(store, T0, "alice", "console.login", "alice");
        append(store, T0.plusSeconds(60), "admin", "console.account.create", "bob");
        append(store, T0.plusSeconds(120), "admin", "console.account.roles", "bob");
        append(store, T0.plusSeconds(180), "bob", "terminal.revoke", "SN1");
        append(store, T0.plusSeconds(240), "bob", "terminal_x", "SN2");

        assertThat(search(store, AuditQuery.everything(), 0, 10)).extracting(AuditEntry::action)
                .containsExactly("terminal_x", "terminal.revoke", "console.account.roles", "console.account.create",
                        "console.login");
        assertThat(search(store, AuditQuery.everything(), 1, 2)).extracting(AuditEntry::action)
                .containsExactly("terminal.revoke", "console.account.roles");
        assertThat(search(store, new AuditQuery("admin", null, null, null, null, null), 0, 10))
                .extracting(AuditEntry::subject).containsExactly("bob", "bob");
        assertThat(search(store, new AuditQuery(null, "console.account", null, null, null, null), 0, 10))
                .extracting(AuditEntry::action).containsExactly("console.account.roles", "console.account.create");
        // '.' and '_' are literal in a prefix, not wildcards
        assertThat(search(store, new AuditQuery(null, "terminal_", null, null, null, null), 0, 10))
                .extracting(AuditEntry::subject).containsExactly("SN2");
        assertThat(search(store, new AuditQuery(null, null, "SN1", null, null, null), 0, 10))
                .extracting(AuditEntry::action).containsExactly("terminal.revoke");
        assertThat(search(store, new AuditQuery(null, null, null, T0.plusSeconds(60), T0.plusSeconds(180), null), 0,
                10)).extracting(AuditEntry::action).containsExactly("console.account.roles", "console.account.create");
        assertThat(search(store, new AuditQuery(null, null, null, null, null, "console."), 0, 10))
                .extracting(AuditEntry::action).containsExactly("terminal_x", "terminal.revoke");
        long counted = store.read(s -> s.getMapper(AuditLogMapper.class)
                .count(new AuditQuery("bob", "terminal", null, null, null, null)));
        assertThat(counted).isEqualTo(2);
        AuditEntry first = search(store, new AuditQuery(null, null, "SN1", null, null, null), 0, 1).get(0);
        assertThat(first).isEqualTo(new AuditEntry(first.id(), T0.plusSeconds(180), "bob", "terminal.revoke", "SN1",
                "10.0.0.1", "OK", null, "before", "after"));
    }

    private static List<AuditEntry> search(Store store, AuditQuery query, int offset, int limit) {
        return store.read(s -> s.getMapper(AuditLogMapper.class).search(query, offset, limit));
    }
}
