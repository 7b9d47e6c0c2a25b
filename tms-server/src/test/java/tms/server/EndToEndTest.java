package tms.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tms.gateway.CapturedLog;
import tms.gateway.GatewayConfig;
import tms.gateway.HostClock;
import tms.gateway.StandInPlatform;
import tms.gateway.TerminalGateway;
import tms.hsm.KeyUsage;
import tms.hsm.Lmk;
import tms.hsm.SecurityModule;
import tms.hsm.SoftwareSecurityModule;
import tms.iso8583.Field60;
import tms.simulator.SignInResult;
import tms.simulator.SimulatedTerminal;
import tms.simulator.TerminalProfile;
import tms.simulator.TransactionResult;

/**
 * The foundation slice end to end on a real socket and the embedded H2 file database: provision from
 * components, sign in with 003 and 004, buy, get A0 for a bad MAC, list the rows masked — and find the
 * full card number nowhere: not in the database, not in any file under the data directory, not in the logs.
 */
class EndToEndTest {

    private static final String PAN = "6212261234567890";
    private static final String COMPONENT_1 = "0123456789ABCDEF0123456789ABCDEF";
    private static final String COMPONENT_2 = "1032547698BADCFE1032547698BADCFE";

    @TempDir
    Path data;

    @TempDir
    Path terminalSide;

    @Test
    void provisionSignInBuyAndTheFullPanIsNowhere() throws Exception {
        try (CapturedLog log = new CapturedLog()) {
            CommandRun provision = CommandRun.of(COMPONENT_1 + "\n" + COMPONENT_2 + "\n", "terminal", "provision",
                    "--data", data.toString(), "--dev-lmk", "--sn", "SN-E2E", "--tid", "30000001", "--mid", "898100012340001",
                    "--merchant-name", "End-to-end shop", "--kcv", "82E13665");
            assertThat(provision.exitCode()).as(provision.err()).isZero();

            List<String> results = new ArrayList<>();
            try (Installation server = Installation.open(new InstallationOptions(data, new DatabaseOptions(), LmkOptions.developmentLmk()), System.out)) {
                GatewayConfig config = GatewayConfig.defaults().withBindAddress("127.0.0.1").withPort(0);
                try (TerminalGateway gateway = new TerminalGateway(config, server.store(), server.hsm(),
                        new StandInPlatform(config.standInRules()), new HostClock(Clock.systemUTC(), config.hostZone()))) {
                    int port = gateway.start();
                    try (SimulatedTerminal terminal = terminal(port)) {
                        SignInResult with003 = terminal.signIn("003");
                        assertThat(with003.approved()).isTrue();
                        TransactionResult first = terminal.purchase(1234, PAN);
                        assertThat(first.responseCode()).isEqualTo("00");
                        assertThat(first.responseMacVerified()).isTrue();
                        results.add(first.rrn());

                        SignInResult with004 = terminal.signIn("004");
                        assertThat(with004.approved()).isTrue();
                        assertThat(with004.tdkCheckValue()).isNotNull();
                        TransactionResult second = terminal.purchase(5678, PAN);
                        assertThat(second.responseCode()).isEqualTo("00");
                        results.add(second.rrn());

                        ISOMsg forged = forgedPurchase(terminal.batch());
                        assertThat(terminal.exchange(forged, false).getString(39)).isEqualTo("A0");
                    }
                }
                String tables = everyValueOfEveryTable(server.store().dataSource());
                assertThat(tables).contains("621226", "7890", results.get(0), results.get(1))
                        .doesNotContain(PAN, PAN.substring(6, 12), COMPONENT_1, COMPONENT_2);
            }

            CommandRun list = CommandRun.of("", "transactions", "--data", data.toString(), "--dev-lmk");
            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.out()).contains("621226******7890", "12.34", "56.78", results.get(0), results.get(1))
                    .doesNotContain(PAN);

            assertThat(filesContaining(data, PAN)).as("files under the data directory holding the PAN").isEmpty();
            String logs = log.text();
            assertThat(logs).contains("621226******7890");
            assertThat(logs).doesNotContain(PAN, PAN.substring(6, 12), "D3012101", COMPONENT_1, COMPONENT_2);
        }
    }

    private SimulatedTerminal terminal(int port) throws IOException {
        SecurityModule keys = new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(terminalSide.resolve("lmk.key")));
        var tmk = keys.formKeyFromComponents(KeyUsage.TMK,
                List.of(HexFormat.of().parseHex(COMPONENT_1), HexFormat.of().parseHex(COMPONENT_2)));
        return new SimulatedTerminal(new TerminalProfile("SN-E2E", "30000001", "898100012340001", tmk, 0), keys,
                "127.0.0.1", port, Duration.ofSeconds(10));
    }

    private static ISOMsg forgedPurchase(String batch) throws Exception {
        ISOMsg m = new ISOMsg();
        m.setMTI("0200");
        m.set(2, PAN);
        m.set(3, "000000");
        m.set(4, "000000000100");
        m.set(11, "000900");
        m.set(22, "022");
        m.set(25, "00");
        m.set(41, "30000001");
        m.set(42, "898100012340001");
        m.set(49, "156");
        m.set(60, Field60.of("22", batch, "000").format());
        m.set(64, "BADMAC00".getBytes(StandardCharsets.US_ASCII));
        return m;
    }

    /** Every value of every table in the application's schema, as text. */
    private static String everyValueOfEveryTable(javax.sql.DataSource dataSource) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%", null)) {
                while (rs.next()) {
                    String type = rs.getString("TABLE_TYPE");
                    if ("TABLE".equals(type) || "BASE TABLE".equals(type)) {
                        tables.add(rs.getString("TABLE_NAME"));
                    }
                }
            }
            assertThat(tables).contains("captured_transaction", "terminal", "merchant");
            for (String table : tables) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            all.append(rs.getString(i)).append('|');
                        }
                        all.append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    /** Files under {@code dir} whose bytes hold the PAN as ASCII or as packed BCD. */
    private static List<Path> filesContaining(Path dir, String pan) throws IOException {
        byte[] ascii = pan.getBytes(StandardCharsets.US_ASCII);
        byte[] bcd = HexFormat.of().parseHex(pan);
        List<Path> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                if (indexOf(bytes, ascii) >= 0 || indexOf(bytes, bcd) >= 0) {
                    hits.add(file);
                }
            }
        }
        return hits;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
