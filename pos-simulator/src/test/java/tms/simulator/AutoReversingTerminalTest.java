package tms.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tms.hsm.KeyUsage;
import tms.hsm.Lmk;
import tms.hsm.SecurityModule;
import tms.hsm.SoftwareSecurityModule;
import tms.iso8583.CupMessageCodec;
import tms.iso8583.Frame;
import tms.iso8583.MessageFormatException;

/**
 * A terminal whose purchase got no answer reverses it (0400, 98) on its next connection before it buys again, and
 * buys nothing while the host refuses that reversal. Against a scripted host on a real socket (port 0).
 */
class AutoReversingTerminalTest {

    private static final String PAN = "6212261234567890";

    @TempDir
    Path temp;

    /** One answer per request read, by connection: null closes the connection instead of answering. */
    private static final class ScriptedHost implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        private final List<List<String>> answersByConnection;
        /** What each request was: MTI, field 11 and (for a reversal) field 39. */
        final List<String> seen = new CopyOnWriteArrayList<>();
        private final Thread thread;

        ScriptedHost(List<List<String>> answersByConnection) throws IOException {
            this.answersByConnection = answersByConnection;
            this.thread = new Thread(this::serve, "scripted-host");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            try {
                for (List<String> answers : answersByConnection) {
                    try (Socket connection = server.accept()) {
                        DataInputStream in = new DataInputStream(connection.getInputStream());
                        OutputStream out = connection.getOutputStream();
                        for (String code : answers) {
                            byte[] bytes = new byte[in.readUnsignedShort()];
                            in.readFully(bytes);
                            Frame frame = Frame.parse(bytes);
                            ISOMsg request = CupMessageCodec.unpack(frame.body());
                            seen.add(request.getMTI() + " " + request.getString(11)
                                    + (request.hasField(39) ? " " + request.getString(39) : ""));
                            if (code == null) {
                                break; // the host dies with the request in hand
                            }
                            ISOMsg answer = new ISOMsg();
                            answer.setMTI(request.getMTI().substring(0, 2) + "10");
                            answer.set(11, request.getString(11));
                            answer.set(37, "000000000001");
                            answer.set(39, code);
                            out.write(frame.reply(CupMessageCodec.pack(answer), 0).toBytesWithLength());
                            out.flush();
                        }
                    }
                }
            } catch (IOException | ISOException | MessageFormatException e) {
                seen.add("host failed: " + e);
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private AutoReversingTerminal terminal(int port, AtomicInteger dials) {
        SecurityModule keys = new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(temp.resolve("terminal-lmk.key")));
        TerminalProfile profile = new TerminalProfile("SN-REV", "70000001", "898100099990001", null, 0);
        profile.signedIn(keys.generateKey(KeyUsage.MAK, 8), "000001");
        return new AutoReversingTerminal(() -> {
            dials.incrementAndGet();
            return new SimulatedTerminal(profile, keys, "127.0.0.1", port, Duration.ofSeconds(5));
        });
    }

    @Test
    void reversesAnUnansweredPurchaseOnTheNextConnectionBeforeBuyingAgain() throws Exception {
        AtomicInteger dials = new AtomicInteger();
        try (ScriptedHost host = new ScriptedHost(List.of(Collections.singletonList(null), List.of("00", "00")));
             AutoReversingTerminal terminal = terminal(host.port(), dials)) {

            assertThatThrownBy(() -> terminal.purchase(1_234, PAN))
                    .isInstanceOfSatisfying(AutoReversingTerminal.NoAnswer.class,
                            e -> assertThat(e.owed().trace()).isEqualTo("000001"));
            assertThat(terminal.owed()).extracting(PendingReversal::trace, PendingReversal::batch)
                    .containsExactly("000001", "000001");

            TransactionResult next = terminal.purchase(2_345, PAN);

            assertThat(next.responseCode()).isEqualTo("00");
            assertThat(next.trace()).isEqualTo("000002");
            assertThat(terminal.owed()).isNull();
            assertThat(host.seen).containsExactly("0200 000001", "0400 000001 98", "0200 000002");
            assertThat(dials).hasValue(2);
        }
    }

    @Test
    void buysNothingWhileTheHostRefusesTheReversal() throws Exception {
        AtomicInteger dials = new AtomicInteger();
        try (ScriptedHost host = new ScriptedHost(List.of(Collections.singletonList(null), List.of("96", "00")));
             AutoReversingTerminal terminal = terminal(host.port(), dials)) {
            assertThatThrownBy(() -> terminal.purchase(1_234, PAN)).isInstanceOf(AutoReversingTerminal.NoAnswer.class);

            assertThatThrownBy(() -> terminal.purchase(2_345, PAN))
                    .isInstanceOfSatisfying(AutoReversingTerminal.ReversalRefused.class,
                            e -> assertThat(e.responseCode()).isEqualTo("96"));
            String second = terminal.reverseOwed();

            assertThat(second).isEqualTo("00");
            assertThat(terminal.owed()).isNull();
            assertThat(host.seen).containsExactly("0200 000001", "0400 000001 98", "0400 000001 98");
        }
    }
}
