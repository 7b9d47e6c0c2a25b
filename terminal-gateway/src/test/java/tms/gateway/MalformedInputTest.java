package tms.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tms.iso8583.CupMessageCodec;
import tms.iso8583.Field60;
import tms.simulator.SimulatedTerminal;
import tms.store.testing.TestDatabases;

/**
 * Garbage on one connection closes that connection with one log line saying why, while a terminal on
 * another connection keeps being served.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedInputTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String TPDU_HEADER = "6006010000" + "603100311301";

    @TempDir
    static Path temp;

    private GatewayFixture fixture;
    private SimulatedTerminal bystander;

    @BeforeAll
    void start() throws Exception {
        GatewayConfig config = GatewayConfig.defaults().withIdleTimeout(Duration.ofSeconds(2));
        fixture = new GatewayFixture(TestDatabases.h2(), temp, config);
        fixture.registerDefault();
        bystander = fixture.terminal();
        assertThat(bystander.signIn("004").approved()).isTrue();
    }

    @AfterAll
    void stop() throws Exception {
        bystander.close();
        fixture.close();
    }

    Stream<Arguments> garbage() throws Exception {
        byte[] signIn = signInBody();
        byte[] random = new byte[300];
        new Random(8583).nextBytes(random);
        byte[] randomFrame = withLength(random);
        byte[] oversize = new byte[3000];
        byte[] truncated = java.util.Arrays.copyOf(signIn, signIn.length - 5);
        byte[] nonBcdMti = signIn.clone();
        nonBcdMti[0] = 0x0A;
        byte[] nonBcdTrace = signIn.clone();
        nonBcdTrace[2 + 8] = (byte) 0xAB; // field 11 is the first field of this sign-in
        byte[] response = signIn.clone();
        response[1] = 0x10; // 0810: a response sent as a request
        // echo tests, so that whatever the gateway does with the first one leaves the bystander's keys alone
        byte[] echo = echoBody();
        byte[] pipelined = concat(frame(TPDU_HEADER, echo), frame(TPDU_HEADER, echo));
        return Stream.of(
                Arguments.of("two requests at once", pipelined, "a second request arrived"),
                // with this seed the first two bytes announce 9,696 bytes, more than a frame may hold
                Arguments.of("random bytes", random, "TooLongFrame"),
                Arguments.of("random bytes framed by a length", randomFrame, "closing connection"),
                Arguments.of("impossible length 0xFFFF", HEX.parseHex("FFFF600601000060"), "TooLongFrame"),
                Arguments.of("zero length", HEX.parseHex("0000"), "malformed frame"),
                Arguments.of("frame shorter than TPDU + header", HEX.parseHex("000660060100006031"), "malformed frame"),
                Arguments.of("TPDU not starting 60", frame("7006010000603100311301", signIn), "malformed frame"),
                Arguments.of("oversize frame", withLength(oversize), "TooLongFrame"),
                Arguments.of("truncated fields", frame(TPDU_HEADER, truncated), "malformed message"),
                Arguments.of("non-BCD nibble in the MTI", frame(TPDU_HEADER, nonBcdMti), "malformed message"),
                Arguments.of("non-BCD nibble in field 11", frame(TPDU_HEADER, nonBcdTrace), "malformed message"),
                Arguments.of("a response MTI", frame(TPDU_HEADER, response), "is not a request"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void garbageClosesOnlyItsOwnConnectionWithOneLineSayingWhy(String name, byte[] bytes, String reason)
            throws Exception {
        try (CapturedLog log = new CapturedLog(); Socket socket = new Socket("127.0.0.1", fixture.port())) {
            socket.setSoTimeout(10_000);
            String client = "127.0.0.1:" + socket.getLocalPort();
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();

            assertThat(readUntilClosed(socket.getInputStream())).as("connection closed by the gateway").isTrue();
            awaitLogLine(log, client);
            assertThat(log.lines().stream().filter(l -> l.contains(client) && l.contains("closing")))
                    .as("one line saying why " + client + " was closed, in:\n" + log.text())
                    .hasSize(1)
                    .allMatch(l -> l.contains(reason));
        }
        // the terminal on the other connection is still served, MAC and all
        assertThat(bystander.purchase(100, "6212261234567890").responseCode()).isEqualTo("00");
    }

    /** True when the peer closed (EOF or reset); the gateway may answer nothing at all to garbage. */
    private static boolean readUntilClosed(InputStream in) throws IOException {
        byte[] buffer = new byte[512];
        try {
            while (true) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // connection reset
        }
    }

    private static void awaitLogLine(CapturedLog log, String client) throws InterruptedException {
        for (int i = 0; i < 100 && log.count(client) == 0; i++) {
            Thread.sleep(20);
        }
    }

    private static byte[] signInBody() throws Exception {
        ISOMsg m = new ISOMsg();
        m.setMTI("0800");
        m.set(11, "000001");
        m.set(41, GatewayFixture.TID);
        m.set(42, GatewayFixture.MID);
        m.set(60, Field60.of("00", "000001", "003").format());
        return CupMessageCodec.pack(m);
    }

    private static byte[] echoBody() throws Exception {
        ISOMsg m = new ISOMsg();
        m.setMTI("0820");
        m.set(11, "000002");
        m.set(41, "29999999");
        m.set(42, GatewayFixture.MID);
        m.set(60, Field60.of("00", "000001", "301").format());
        return CupMessageCodec.pack(m);
    }

    private static byte[] frame(String tpduAndHeaderHex, byte[] body) {
        byte[] head = HEX.parseHex(tpduAndHeaderHex);
        byte[] frame = new byte[head.length + body.length];
        System.arraycopy(head, 0, frame, 0, head.length);
        System.arraycopy(body, 0, frame, head.length, body.length);
        return withLength(frame);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] withLength(byte[] frame) {
        byte[] out = new byte[frame.length + 2];
        out[0] = (byte) (frame.length >> 8);
        out[1] = (byte) frame.length;
        System.arraycopy(frame, 0, out, 2, frame.length);
        return out;
    }
}
