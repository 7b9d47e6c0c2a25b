package tms.gateway;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import tms.hsm.MacAlgorithm;
import tms.hsm.SecurityModule;
import tms.hsm.WrappedKey;
import tms.iso8583.CupMessageCodec;

/**
 * A payment platform on a real socket (port 0) for the upstream link's tests: reads 2-byte-length frames, records
 * every request, and answers each as the test decides — approve, decline, late, never, or a connection cut in the
 * middle of the answer — MACing its answers under its own copy of the zone MAC key.
 */
public final class FakePlatform implements AutoCloseable {

    enum Behaviour { APPROVE, DECLINE_51, SLOW, SILENT, DISCONNECT_MID_ANSWER, BAD_MAC }

    private final ServerSocket server;
    private final SecurityModule hsm;
    private final WrappedKey zak;
    private final MacAlgorithm mac;
    private final List<ISOMsg> received = new CopyOnWriteArrayList<>();
    private final List<byte[]> receivedBodies = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;
    volatile Function<ISOMsg, Behaviour> behaviour = m -> Behaviour.APPROVE;
    volatile Duration slowBy = Duration.ofMillis(800);

    public FakePlatform(SecurityModule hsm, WrappedKey zak, MacAlgorithm mac) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.hsm = hsm;
        this.zak = zak;
        this.mac = mac;
        acceptor = new Thread(this::accept, "fake-platform");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    int connectionsAccepted() {
        return accepted.get();
    }

    List<ISOMsg> received() {
        return new ArrayList<>(received);
    }

    List<ISOMsg> received(String mti) {
        return received.stream().filter(m -> mti.equals(m.getString(0))).toList();
    }

    List<byte[]> receivedBodies() {
        return new ArrayList<>(receivedBodies);
    }

    /** Cuts every open connection, as a platform restart would. */
    void dropConnections() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                if (server.isClosed()) {
                    socket.close();
                    return;
                }
                accepted.incrementAndGet();
                sockets.add(socket);
                Thread t = new Thread(() -> serve(socket), "fake-platform-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                byte[] body = new byte[in.readUnsignedShort()];
                in.readFully(body);
                ISOMsg request = CupMessageCodec.unpack(body);
                received.add(request);
                receivedBodies.add(body);
                Behaviour b = behaviour.apply(request);
                // answers go out on their own thread, so that a slow one does not hold up the next request
                Thread answerer = new Thread(() -> answer(socket, out, request, b), "fake-platform-answer");
                answerer.setDaemon(true);
                answerer.start();
            }
        } catch (Exception e) {
            // the link closed the connection, or the test cut it
        }
    }

    private void answer(Socket socket, OutputStream out, ISOMsg request, Behaviour b) {
        try {
            if (b == Behaviour.SILENT) {
                return;
            }
            if (b == Behaviour.SLOW) {
                Thread.sleep(slowBy.toMillis());
            }
            byte[] body = answerBody(request, b == Behaviour.DECLINE_51 ? "51" : "00", b == Behaviour.BAD_MAC);
            byte[] frame = new byte[body.length + 2];
            frame[0] = (byte) (body.length >>> 8);
            frame[1] = (byte) body.length;
            System.arraycopy(body, 0, frame, 2, body.length);
            synchronized (out) {
                if (b == Behaviour.DISCONNECT_MID_ANSWER) {
                    out.write(frame, 0, frame.length / 2);
                    out.flush();
                    socket.close();
                    return;
                }
                out.write(frame);
                out.flush();
            }
        } catch (Exception e) {
            // the connection is gone; the link finds out by itself
        }
    }

    private byte[] answerBody(ISOMsg request, String code, boolean badMac) throws Exception {
        ISOMsg answer = new ISOMsg();
        String mti = request.getMTI();
        answer.setMTI(mti.substring(0, 2) + (char) (mti.charAt(2) + 1) + mti.charAt(3));
        for (int field : new int[] {3, 4, 11, 25, 32, 37, 41, 42, 49, 60}) {
            if (request.hasField(field)) {
                answer.set(field, request.getString(field));
            }
        }
        answer.set(39, code);
        if ("00".equals(code) && "0200".equals(mti)) {
            answer.set(38, "A" + request.getString(11).substring(1));
            if ("310000".equals(request.getString(3))) {
                answer.set(54, "1002156C000000012345");
            }
        }
        answer.set(64, new byte[8]);
        byte[] body = CupMessageCodec.pack(answer);
        byte[] macBytes = hsm.generateMac(mac, zak, CupMessageCodec.macBlockInput(body));
        if (badMac) {
            macBytes[0] ^= 1;
        }
        answer.set(64, macBytes);
        return CupMessageCodec.pack(answer);
    }

    /**
     * Stops listening and cuts every connection. Waits for the accepting thread to leave accept(): until it has, the
     * kernel keeps the listening socket open and would still take a connection, so "closed" would not yet be true.
     */
    @Override
    public void close() throws IOException {
        server.close();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dropConnections();
    }
}
