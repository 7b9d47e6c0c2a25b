package tms.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tms.admin.ActivationCodes;
import tms.admin.Actor;
import tms.admin.StockIn;
import tms.admin.TerminalDirectory;
import tms.admin.TerminalRekey;
import tms.admin.TerminalRevocation;
import tms.hsm.KeyAlgorithm;
import tms.hsm.KeyUsage;
import tms.hsm.Lmk;
import tms.hsm.SecurityModule;
import tms.hsm.SoftwareSecurityModule;
import tms.hsm.WrappedKey;
import tms.store.AuditEntry;
import tms.store.AuditLogMapper;
import tms.store.CapturedTransaction;
import tms.store.Store;
import tms.store.TerminalActivation;
import tms.store.TerminalMapper;
import tms.store.TerminalState;
import tms.store.TransactionKind;
import tms.store.TransactionMapper;
import tms.store.TransactionStatus;
import tms.store.testing.TestDatabase;
import tms.store.testing.TestDatabases;

/** The terminal list, a terminal's page and the technicians' actions over HTTP (H2). */
class TerminalSectionTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-14T02:00:00Z"), ZoneOffset.UTC);
    private static final Actor SETUP = new Actor("setup", "local");
    private static final String PASSWORD = "correct horse";
    private static final String PAN_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static TestDatabase db;
    private static Store store;
    private static SecurityModule hsm;
    private static ConsoleTestServer server;
    private static String wrappedTmk;
    private static String wrappedMak;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabases.h2();
        store = db.open();
        Path lmk = Files.createTempDirectory("terminal-section").resolve("lmk.key");
        hsm = new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(lmk));
        StockIn stockIn = new StockIn(store, CLOCK);
        stockIn.register("STOCK-1", "PSAMSTOCK001", "89860012345678901234", "N910", SETUP);
        stockIn.register("STOCK-2", "PSAMSTOCK002", null, "P2000", SETUP);
        stockIn.register("LOCK-1", "PSAMLOCK0001", null, "N910", SETUP);
        store.write(s -> s.getMapper(TerminalMapper.class).recordFailedActivation("LOCK-1", CLOCK.instant()));
        active("ACT-1", "70000001", 25);
        active("ACT-2", "70000002", 0);
        active("ACT-3", "70000003", 0);
        store.write(s -> {
            try (var statement = s.getConnection().createStatement()) {
                statement.executeUpdate("UPDATE terminal SET service_provider = 'Harbin Prefecture'"
                        + " WHERE serial_number = 'ACT-2'");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
        PasswordConfirmation passwords = (user, password) -> user.equals("tech") && password.equals(PASSWORD);
        server = new ConsoleTestServer(List.of(new TerminalSection(new TerminalDirectory(store),
                new ActivationCodes(store, hsm, CLOCK, new SecureRandom()), new TerminalRevocation(store, CLOCK),
                new TerminalRekey(store, hsm, CLOCK), passwords)));
    }

    /** An ACTIVE terminal activated over the air (device key), signed in, with {@code transactions} purchases. */
    private static void active(String serial, String tid, int transactions) {
        WrappedKey tmk = hsm.generateKey(KeyUsage.TMK, KeyAlgorithm.TDES, 16);
        WrappedKey mak = hsm.generateKey(KeyUsage.MAK, KeyAlgorithm.TDES, 16);
        wrappedTmk = tmk.encoded();
        wrappedMak = mak.encoded();
        new StockIn(store, CLOCK).register(serial, "PSAM" + tid + "0", null, "N910", SETUP);
        store.write(s -> {
            TerminalMapper terminals = s.getMapper(TerminalMapper.class);
            terminals.activate(serial, tid, "898100012340001", tmk.encoded(), tmk.checkValueHex(), "RSA",
                    "30820122300d06092a864886f70d01010105000382010f00");
            terminals.recordSignIn(tid, "000002", mak.encoded(), mak.encoded(), mak.encoded(),
                    Instant.parse("2025-03-14T01:00:00Z"));
            TransactionMapper captured = s.getMapper(TransactionMapper.class);
            for (int i = 1; i <= transactions; i++) {
                captured.insert(new CapturedTransaction(null, tid, "898100012340001", "000002",
                        String.format("%06d", i), "00000000" + String.format("%04d", i), "A1B2C3", "0200", "000000",
                        TransactionKind.PURCHASE, 1_000L + i, "156", "621226", "7890", PAN_HASH, "051", "00",
                        TransactionStatus.APPROVED, "0314", "100000", Instant.parse("2025-03-14T01:00:00Z").plusSeconds(i)));
            }
            return null;
        });
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        db.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(HttpResponse<String> response) throws Exception {
        return server.servlet().json().readValue(response.body(), Map.class);
    }

    private static HttpResponse<String> postJson(String path, String body, Role... roles) throws Exception {
        return server.send(server.as("tech", roles).uri(server.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static TerminalActivation activation(String serial) {
        return store.read(s -> s.getMapper(TerminalMapper.class).findActivation(serial));
    }

    @Test
    void theListIsSearchedByEachFilterAndPagedBySerialNumber() throws Exception {
        assertThat(server.get("/terminals", "eve", Role.AUDITOR).body()).contains("ACT-1", "STOCK-2", "LOCK-1");
        // other tests revoke ACT-2 and ACT-3; ACT-1 stays ACTIVE
        assertThat(server.get("/terminals?state=ACTIVE", "eve", Role.AUDITOR).body())
                .contains("ACT-1").doesNotContain("STOCK-1", "LOCK-1");
        assertThat(server.get("/terminals?serial=STOCK", "eve", Role.WAREHOUSE).body())
                .contains("STOCK-1", "STOCK-2").doesNotContain("ACT-1");
        assertThat(server.get("/terminals?tid=70000002", "eve", Role.CALL_CENTRE).body())
                .contains("ACT-2").doesNotContain("ACT-1");
        assertThat(server.get("/terminals?mid=898100012340001&model=N910", "eve", Role.TECHNICIAN).body())
                .contains("ACT-1").doesNotContain("STOCK-1");
        assertThat(server.get("/terminals?model=P2000", "eve", Role.AFTER_SALES).body())
                .contains("STOCK-2").doesNotContain("STOCK-1");
        assertThat(server.get("/terminals?provider=Harbin+Prefecture", "eve", Role.ADMIN).body())
                .contains("ACT-2").doesNotContain("ACT-3");

        var first = server.get("/terminals?serial=ACT&size=2", "eve", Role.AUDITOR).body();
        Matcher next = Pattern.compile("id=\"next-page\" href=\"([^\"]+)\"").matcher(first);
        assertThat(next.find()).isTrue();
        String nextHref = next.group(1).replace("&amp;", "&");
        assertThat(nextHref).isEqualTo("/terminals?serial=ACT&size=2&after=ACT-2");
        var second = server.get(nextHref, "eve", Role.AUDITOR).body();
        assertThat(second).contains("ACT-3").doesNotContain(">ACT-1<", "id=\"next-page\"");

        Map<String, Object> api = json(server.get("/api/v1/terminals?state=IN_STOCK&size=1", "eve", Role.AUDITOR));
        assertThat((List<Map<String, Object>>) api.get("terminals")).singleElement()
                .satisfies(t -> assertThat(t).containsEntry("serialNumber", "LOCK-1").containsEntry("state", "IN_STOCK"));
        assertThat(api).containsEntry("next", "LOCK-1");

        var badState = server.get("/api/v1/terminals?state=BROKEN", "eve", Role.AUDITOR);
        assertThat(badState.statusCode()).isEqualTo(400);
        assertThat(badState.body()).contains("state must be one of", "IN_STOCK", "BROKEN");
        assertThat(server.get("/terminals?tid=123", "eve", Role.AUDITOR).body()).contains("TID '123'");
        assertThat(server.get("/terminals?size=0", "eve", Role.AUDITOR).statusCode()).isEqualTo(400);
        assertThat(server.get("/terminals?serial=A%25", "eve", Role.AUDITOR).statusCode()).isEqualTo(400);
        assertThat(server.get("/terminals", "carl", Role.CLEARING).statusCode()).isEqualTo(403);
    }

    @Test
    void aTerminalsPageShowsCodesStateHistoryCheckValuesSessionAndTwentyMaskedTransactions() throws Exception {
        var page = server.get("/terminals/ACT-1", "eve", Role.AUDITOR);
        assertThat(page.statusCode()).isEqualTo(200);
        String body = page.body();
        String checkValue = store.read(s -> s.getMapper(TerminalMapper.class).findBySerialNumber("ACT-1"))
                .tmkCheckValue();
        assertThat(body).contains("id=\"psam-number\">PSAM700000010<", "id=\"state\">ACTIVE<",
                "id=\"tmk-check-value\">" + checkValue + "<", "id=\"session\">open since 2025-03-14T01:00:00Z<",
                "id=\"tid\">70000001<", "stock-in");
        assertThat(body).doesNotContain("id=\"revoke\"", "id=\"issue-code\"");
        Matcher cards = Pattern.compile("<td class=\"card\">([^<]*)</td>").matcher(body);
        int rows = 0;
        while (cards.find()) {
            assertThat(cards.group(1)).isEqualTo("621226******7890");
            rows++;
        }
        assertThat(rows).isEqualTo(20);
        assertThat(body).contains("000025").doesNotContain(">000005<", PAN_HASH, wrappedTmk, wrappedMak, "K1.");

        Map<String, Object> api = json(server.get("/api/v1/terminals/ACT-1", "eve", Role.AUDITOR));
        assertThat(api).containsEntry("sessionOpen", true);
        assertThat((Map<String, Object>) api.get("terminal")).containsEntry("tmkCheckValue", checkValue)
                .containsEntry("workingKeysHeld", true).doesNotContainKeys("tmkWrapped", "makWrapped");
        List<Map<String, Object>> transactions = (List<Map<String, Object>>) api.get("transactions");
        assertThat(transactions).hasSize(20).allSatisfy(t -> assertThat(t).containsEntry("card", "621226******7890")
                .doesNotContainKeys("panFirst6", "panLast4", "panHash"));
        String apiText = server.get("/api/v1/terminals/ACT-1", "eve", Role.AUDITOR).body();
        assertThat(apiText).doesNotContain(PAN_HASH, "K1.");

        assertThat(server.get("/terminals/NOPE-1", "eve", Role.AUDITOR).statusCode()).isEqualTo(404);
        assertThat(server.get("/api/v1/terminals/NOPE%201", "eve", Role.AUDITOR).statusCode()).isEqualTo(400);
        assertThat(server.get("/terminals/ACT-1", "carl", Role.CHANNEL).statusCode()).isEqualTo(403);
        assertThat(server.get("/terminals/ACT-1", "tech", Role.TECHNICIAN).body()).contains("id=\"revoke\"",
                "id=\"rekey\"").doesNotContain("id=\"issue-code\"", "id=\"unlock\"");
    }

    @Test
    void anActivationCodeIsShownOnceOnItsResultPageWithACopyButtonAndNoInlineScript() throws Exception {
        assertThat(server.get("/terminals/STOCK-1", "tech", Role.TECHNICIAN).body()).contains("id=\"issue-code\"");
        var issued = server.postForm("/terminals/STOCK-1/activation-code", "tech",
                "mid=898100012340002&merchantName=Tea+house&validityHours=2", Role.TECHNICIAN);
        assertThat(issued.statusCode()).isEqualTo(200);
        Matcher code = Pattern.compile("<code id=\"activation-code\"[^>]*>([0-9]{8})</code>").matcher(issued.body());
        assertThat(code.find()).isTrue();
        assertThat(issued.body()).contains("data-copy-from=\"activation-code\"",
                "<script src=\"/static/terminals/copy-code.js\"></script>", "2025-03-14T04:00:00Z")
                .doesNotContain("onclick", "<script>");
        assertThat(issued.headers().firstValue("Cache-Control")).hasValue("no-store");
        var script = server.get("/static/terminals/copy-code.js", "tech", Role.TECHNICIAN);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).get().asString().startsWith("text/javascript");
        assertThat(script.body()).contains("navigator.clipboard.writeText");

        String shown = code.group(1);
        assertThat(server.get("/terminals/STOCK-1", "tech", Role.TECHNICIAN).body()).doesNotContain(shown)
                .contains("activation-code");
        assertThat(server.get("/api/v1/terminals/STOCK-1", "tech", Role.TECHNICIAN).body()).doesNotContain(shown);
        List<AuditEntry> audit = store.read(s -> s.getMapper(AuditLogMapper.class).listBySubject("STOCK-1", 10));
        assertThat(audit).extracting(AuditEntry::action).contains("terminal.activation-code.issue");
        assertThat(audit).allSatisfy(e -> assertThat(String.valueOf(e.detail()) + e.afterState()).doesNotContain(shown));

        var api = postJson("/api/v1/terminals/STOCK-2/activation-code", "{\"mid\":\"898100012340002\"}",
                Role.ADMIN);
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(json(api)).containsEntry("serialNumber", "STOCK-2").containsKey("expiresAt")
                .hasEntrySatisfying("code", c -> assertThat((String) c).matches("[0-9]{8}"));

        var noMid = server.postForm("/terminals/STOCK-1/activation-code", "tech", "merchantName=x", Role.TECHNICIAN);
        assertThat(noMid.statusCode()).isEqualTo(400);
        assertThat(noMid.body()).contains("fill in mid");
        assertThat(server.postForm("/terminals/STOCK-1/activation-code", "tech", "mid=898100012340002&validityHours=9999",
                Role.TECHNICIAN).body()).contains("validityHours must be");
        var notInStock = postJson("/api/v1/terminals/ACT-1/activation-code", "{\"mid\":\"898100012340002\"}",
                Role.TECHNICIAN);
        assertThat(notInStock.statusCode()).isEqualTo(409);
        assertThat(notInStock.body()).contains("only a terminal IN_STOCK");
        assertThat(server.postForm("/terminals/STOCK-1/activation-code", "eve", "mid=898100012340002", Role.AUDITOR)
                .statusCode()).isEqualTo(403);
        assertThat(server.postForm("/terminals/STOCK-1/activation-code", "kim", "mid=898100012340002",
                Role.WAREHOUSE).statusCode()).isEqualTo(403);
    }

    @Test
    void revocationNeedsTheUsersOwnPasswordAndAWrongOneIsRefusedAndAudited() throws Exception {
        var wrong = server.postForm("/terminals/ACT-2/revoke", "tech", "reason=stolen&password=guess",
                Role.TECHNICIAN);
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("not your password", "ACT-2 was not revoked");
        assertThat(activation("ACT-2").state()).isEqualTo(TerminalState.ACTIVE);
        List<AuditEntry> act2 = store.read(s -> s.getMapper(AuditLogMapper.class).listBySubject("ACT-2", 10));
        assertThat(act2)
                .filteredOn(e -> e.action().equals("terminal.revoke")).singleElement().satisfies(e -> {
                    assertThat(e.outcome()).isEqualTo("REFUSED");
                    assertThat(e.actor()).isEqualTo("tech");
                    assertThat(e.detail()).doesNotContain("guess");
                });
        assertThat(server.postForm("/terminals/ACT-2/revoke", "tech", "reason=stolen", Role.TECHNICIAN).body())
                .contains("fill in password");
        assertThat(server.postForm("/terminals/ACT-2/revoke", "tech", "password=x", Role.TECHNICIAN).body())
                .contains("fill in reason");
        assertThat(server.postForm("/terminals/ACT-2/revoke", "eve", "reason=x&password=" + PASSWORD, Role.AUDITOR)
                .statusCode()).isEqualTo(403);

        var revoked = server.postForm("/terminals/ACT-2/revoke", "tech", "reason=stolen&password=correct+horse",
                Role.TECHNICIAN);
        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(revoked.headers().firstValue("Location")).hasValue("/terminals/ACT-2");
        assertThat(activation("ACT-2").state()).isEqualTo(TerminalState.REVOKED);
        assertThat(server.get("/terminals/ACT-2", "tech", Role.TECHNICIAN).body()).contains(
                "id=\"revoked-reason\">stolen<", "id=\"session\">none", "<td>revoke</td>")
                .doesNotContain("id=\"revoke\"");
        assertThat(postJson("/api/v1/terminals/ACT-2/revoke", "{\"reason\":\"again\",\"password\":\"" + PASSWORD
                + "\"}", Role.TECHNICIAN).statusCode()).isEqualTo(409);

        var api = postJson("/api/v1/terminals/ACT-3/revoke", "{\"reason\":\"merchant closed\",\"password\":\""
                + PASSWORD + "\"}", Role.TECHNICIAN);
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(json(api)).containsEntry("state", "REVOKED");
        assertThat(postJson("/api/v1/terminals/ACT-3/revoke", "{\"reason\":\"x\",\"password\":\"no\"}",
                Role.TECHNICIAN).statusCode()).isEqualTo(403);
    }

    @Test
    void aRekeyWaitsForTheTerminalAndAnUnlockClearsTheFailedTries() throws Exception {
        var ordered = server.postForm("/terminals/ACT-1/rekey", "tech", "", Role.TECHNICIAN);
        assertThat(ordered.statusCode()).isEqualTo(303);
        String pending = store.read(s -> s.getMapper(TerminalMapper.class).findPendingTmkBySerialNumber("ACT-1"))
                .pendingTmkCheckValue();
        assertThat(pending).isNotNull();
        assertThat(server.get("/terminals/ACT-1", "tech", Role.TECHNICIAN).body())
                .contains("id=\"pending-tmk-check-value\">" + pending + ", ordered 2025-03-14T02:00:00Z");
        var api = postJson("/api/v1/terminals/ACT-1/rekey", "", Role.ADMIN);
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(json(api)).hasEntrySatisfying("pendingTmkCheckValue",
                v -> assertThat(v).isNotEqualTo(pending));
        var inStock = postJson("/api/v1/terminals/STOCK-2/rekey", "", Role.TECHNICIAN);
        assertThat(inStock.statusCode()).isEqualTo(409);
        assertThat(inStock.body()).contains("only an ACTIVE terminal");
        assertThat(server.postForm("/terminals/ACT-1/rekey", "eve", "", Role.AUDITOR).statusCode()).isEqualTo(403);

        assertThat(server.get("/terminals/LOCK-1", "tech", Role.TECHNICIAN).body()).contains("id=\"unlock\"",
                "locked since");
        var unlocked = server.postForm("/terminals/LOCK-1/unlock", "tech", "", Role.TECHNICIAN);
        assertThat(unlocked.statusCode()).isEqualTo(303);
        assertThat(activation("LOCK-1").failedActivations()).isZero();
        assertThat(activation("LOCK-1").locked()).isFalse();
        assertThat(server.get("/terminals/LOCK-1", "tech", Role.TECHNICIAN).body()).contains("activation-unlock")
                .doesNotContain("id=\"unlock\"");
        var again = postJson("/api/v1/terminals/LOCK-1/unlock", "", Role.TECHNICIAN);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("not locked");
        List<AuditEntry> lock1 = store.read(s -> s.getMapper(AuditLogMapper.class).listBySubject("LOCK-1", 10));
        assertThat(lock1)
                .extracting(AuditEntry::action).contains("terminal.activation.unlock");
    }
}
