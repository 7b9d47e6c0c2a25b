package tms.gateway;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.jpos.iso.ISOMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.iso8583.CupMessageCodec;
import tms.iso8583.MessageFormatException;

/**
 * One TCP connection to the payment platform: frames are a 2-byte big-endian length and the message body (MTI,
 * bitmap, fields, in the CUP packager's encoding). A reader thread hands every answer to the link; when the
 * connection ends, for whatever reason, the link is told once.
 *
 * <p>A blocking socket and one thread per connection, rather than Netty: the link has a handful of long-lived
 * connections, and plain sockets keep their lifecycle (connect, fail, reconnect) easy to follow and to test.
 */
final class UpstreamConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamConnection.class);
    private static final int MAX_FRAME = 0xFFFF;

    private final String name;
    private final Socket socket;
    private final OutputStream out;
    private final Consumer<UpstreamAnswer> onAnswer;
    private final BiConsumer<UpstreamConnection, String> onClosed;
    private volatile boolean closed;
    private volatile long lastSentNanos = System.nanoTime();

    /** Nothing of the message left: the connection was already closed. Any other IOException may have sent some of it. */
    static final class NotSent extends IOException {
        NotSent(String message) {
            super(message);
        }
    }

    /** An answer as unpacked, with the body it came in (for its MAC). */
    record UpstreamAnswer(ISOMsg message, byte[] body) {
    }

    private UpstreamConnection(String name, Socket socket, Consumer<UpstreamAnswer> onAnswer,
                               BiConsumer<UpstreamConnection, String> onClosed) throws IOException {
        this.name = name;
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.onAnswer = onAnswer;
        this.onClosed = onClosed;
    }

    /** Connects and starts reading; IOException when the platform cannot be reached within the timeout. */
    static UpstreamConnection open(String name, String host, int port, Duration connectTimeout, Consumer<UpstreamAnswer> onAnswer,
                                   BiConsumer<UpstreamConnection, String> onClosed) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        UpstreamConnection connection = new UpstreamConnection(name, socket, onAnswer, onClosed);
        Thread reader = new Thread(connection::read, "upstream-" + name);
        reader.setDaemon(true);
        reader.start();
        return connection;
    }

    String name() {
        return name;
    }

    boolean isOpen() {
        return !closed;
    }

    /** Nanoseconds (System.nanoTime) of the last message sent, for the echo test of a quiet connection. */
    long lastSentNanos() {
        return lastSentNanos;
    }

    /** Sends one message body; IOException (and the connection closes) when it cannot be written. */
    void send(byte[] body) throws IOException {
        if (body.length > MAX_FRAME) {
            throw new IOException("a message of " + body.length + " bytes does not fit the 2-byte length");
        }
        byte[] frame = new byte[body.length + 2];
        frame[0] = (byte) (body.length >>> 8);
        frame[1] = (byte) body.length;
        System.arraycopy(body, 0, frame, 2, body.length);
        synchronized (out) {
            if (closed) {
                throw new NotSent("the connection " + name + " to the platform is closed");
            }
            try {
                out.write(frame);
                out.flush();
                lastSentNanos = System.nanoTime();
            } catch (IOException e) {
                end("could not send: " + e.getMessage());
                throw e;
            }
        }
    }

    private void read() {
        String why = "closed";
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (!closed) {
                int length = in.readUnsignedShort();
                byte[] body = new byte[length];
                in.readFully(body);
                ISOMsg answer;
                try {
                    answer = CupMessageCodec.unpack(body);
                } catch (MessageFormatException e) {
                    // a platform that sends what we cannot read is not to be trusted with the next answer either
                    why = "unreadable message from the platform: " + e.getMessage();
                    return;
                }
                onAnswer.accept(new UpstreamAnswer(answer, body));
            }
        } catch (EOFException e) {
            why = "the platform closed the connection";
        } catch (IOException e) {
            why = closed ? "closed" : "read failed: " + e.getMessage();
        } finally {
            end(why);
        }
    }

    private void end(String why) {
        boolean first;
        synchronized (this) {
            first = !closed;
            closed = true;
        }
        if (first) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("closing upstream connection {}: {}", name, e.toString());
            }
            onClosed.accept(this, why);
        }
    }

    @Override
    public void close() {
        end("closed by the gateway");
    }
}
