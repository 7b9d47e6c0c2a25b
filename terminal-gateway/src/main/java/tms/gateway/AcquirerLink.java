package tms.gateway;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.hsm.HsmException;
import tms.hsm.KeyAlgorithm;
import tms.hsm.SecurityModule;
import tms.iso8583.CupMessageCodec;
import tms.iso8583.Field60;
import tms.iso8583.MaskedMessage;
import tms.iso8583.MessageFormatException;
import tms.store.Store;
import tms.store.TransactionKind;
import tms.store.UpstreamReversal;

/**
 * The payment platform over an ISO 8583 link (DESIGN.md flow 5): each authorisation goes upstream as a 0200 with the
 * platform's TID and MID, the PIN translated to the zone PIN key and the MAC made under the zone MAC key inside
 * {@code hsm}; the answer is matched on TID + STAN + RRN and its MAC verified. Several connections share the load,
 * each re-dialled when it drops and echo-tested when quiet.
 *
 * <p>When no usable answer comes in time (silence, a connection lost mid-answer, a bad MAC), the terminal gets 98 and
 * a reversal is owed: stored durably before the 98 is returned, and sent with back-off until acknowledged
 * ({@link OwedReversals}), so that a purchase the platform approved unseen is undone.
 */
public final class AcquirerLink implements PaymentPlatform, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AcquirerLink.class);
    private static final long MAINTENANCE_MILLIS = 200;
    private static final long RECONNECT_BACKOFF_MAX_MILLIS = 10_000;

    private final AcquirerLinkConfig config;
    private final SecurityModule hsm;
    private final Clock clock;
    private final OwedReversals reversals;
    private final Slot[] slots;
    /** Requests sent and not yet answered, by the key their answer will carry. */
    private final Map<String, Waiting> pending = new ConcurrentHashMap<>();
    private final AtomicInteger stan = new AtomicInteger();
    private final AtomicInteger nextSlot = new AtomicInteger();
    private final ScheduledExecutorService connectionsThread = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "upstream-connections"));
    private final ScheduledExecutorService reversalsThread = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "upstream-reversals"));
    private volatile boolean closed;

    /** A request waiting for its answer, and the connection it went out on. */
    private record Waiting(CompletableFuture<UpstreamConnection.UpstreamAnswer> answer, UpstreamConnection via) {
    }

    /** One of the link's connections and when to dial it again. */
    private static final class Slot {
        volatile UpstreamConnection connection;
        long nextDialMillis;
        long backoffMillis = 250;
        boolean echoOutstanding;
    }

    public AcquirerLink(AcquirerLinkConfig config, SecurityModule hsm, Store store, Clock clock) {
        this.config = config;
        this.hsm = hsm;
        this.clock = clock;
        this.reversals = new OwedReversals(store, clock);
        this.slots = new Slot[config.connections()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot();
        }
    }

    /** Dials every connection (a platform that is down is dialled again in the background) and starts the retries. */
    public AcquirerLink start() {
        maintainConnections();
        connectionsThread.scheduleWithFixedDelay(this::maintainConnections, MAINTENANCE_MILLIS, MAINTENANCE_MILLIS,
                TimeUnit.MILLISECONDS);
        reversalsThread.scheduleWithFixedDelay(this::retryReversals, 0, 1, TimeUnit.SECONDS);
        LOG.info("upstream link to {}:{} with {} connection(s), timeout {} ms, {} MACs", config.host(), config.port(),
                slots.length, config.timeout().toMillis(), config.mac());
        return this;
    }

    /** How many connections are up now. */
    public int openConnections() {
        int open = 0;
        for (Slot slot : slots) {
            UpstreamConnection c = slot.connection;
            if (c != null && c.isOpen()) {
                open++;
            }
        }
        return open;
    }

    @Override
    public PlatformDecision authorise(AuthorisationRequest request) {
        if (request.kind() != TransactionKind.PURCHASE && request.kind() != TransactionKind.BALANCE_INQUIRY) {
            // a void, refund or completion upstream must name the platform's original (its STAN and RRN), which this
            // link does not map yet: refused plainly rather than sent as something the platform would take for a
            // purchase. A pre-authorisation is refused with them: a hold placed upstream that the link could neither
            // complete nor release would be worse than none
            LOG.warn("{} for terminal {} is not forwarded to the platform by this link yet; answering 12", request.kind(),
                    request.tid());
            return PlatformDecision.decline(ResponseCodes.INVALID_TRANSACTION);
        }
        AcquirerLinkConfig.PlatformTerminal terminal = config.platformTerminal(request.tid(), request.mid());
        String trace = nextStan();
        String processingCode = request.kind() == TransactionKind.BALANCE_INQUIRY ? "310000" : "000000";
        ISOMsg message;
        try {
            message = authorisationMessage(request, terminal, trace, processingCode);
        } catch (HsmException e) {
            // e.g. a PIN block that is not one for this card: the cardholder's PIN cannot be checked
            LOG.warn("{} for terminal {} not sent upstream: {}", request.kind(), request.tid(), e.getMessage());
            return PlatformDecision.decline(ResponseCodes.WRONG_PIN);
        }
        String key = key("0210", trace, terminal.tid(), request.rrn());
        Exchange exchange = exchange(message, key);
        if (exchange.unsent()) {
            LOG.error("{} for terminal {}: no connection to the platform is up; answering 96", request.kind(), request.tid());
            return PlatformDecision.decline(ResponseCodes.SYSTEM_MALFUNCTION);
        }
        if (exchange.answer() == null) {
            LOG.warn("{} for terminal {} stan {} rrn {}: {}; answering 98", request.kind(), request.tid(), trace,
                    request.rrn(), exchange.failure());
            if (request.kind() != TransactionKind.BALANCE_INQUIRY) {
                reversals.owe(UpstreamReversal.owed(terminal.tid(), terminal.mid(), trace, request.rrn(), processingCode,
                        request.amount(), request.currency(), exchange.untrusted() ? "96" : "98", clock.instant()));
            }
            return PlatformDecision.decline(ResponseCodes.UPSTREAM_TIMEOUT);
        }
        ISOMsg answer = exchange.answer();
        String code = answer.getString(39);
        if (code == null || code.length() != 2) {
            code = ResponseCodes.SYSTEM_MALFUNCTION;
        }
        return new PlatformDecision(code, "00".equals(code) ? answer.getString(38) : null, balance(answer));
    }

    private ISOMsg authorisationMessage(AuthorisationRequest request, AcquirerLinkConfig.PlatformTerminal terminal,
                                        String trace, String processingCode) {
        ISOMsg m = new ISOMsg();
        try {
            m.setMTI("0200");
            m.set(2, request.pan());
            m.set(3, processingCode);
            if (request.kind() != TransactionKind.BALANCE_INQUIRY) {
                m.set(4, String.format("%012d", request.amount()));
            }
            m.set(11, trace);
            m.set(22, request.entryMode() != null ? request.entryMode() : "022");
            m.set(25, "00");
            if (config.acquirerId() != null) {
                m.set(32, config.acquirerId());
            }
            if (request.rrn() != null) {
                m.set(37, request.rrn());
            }
            m.set(41, terminal.tid());
            m.set(42, terminal.mid());
            m.set(49, request.currency());
            if (request.pinBlock() != null && request.pik() != null) {
                m.set(52, hsm.translatePin(request.pik(), request.pinBlock(), request.pan(), config.zonePinKey()));
                m.set(53, securityControl());
            }
            m.set(60, Field60.of(request.kind() == TransactionKind.BALANCE_INQUIRY ? "01" : "22", "000000", "000").format());
        } catch (ISOException e) {
            throw new IllegalStateException("cannot build the upstream 0200: " + e.getMessage(), e);
        }
        return m;
    }

    /** 53: digit 1 the PIN block format (2 format 0 with PAN, 4 format 4), digit 2 its cipher (6 3DES, 7 AES: ours). */
    private String securityControl() {
        return config.zonePinKey().algorithm() == KeyAlgorithm.AES ? "4700000000000000" : "2600000000000000";
    }

    private ISOMsg reversalMessage(UpstreamReversal reversal) {
        ISOMsg m = new ISOMsg();
        try {
            m.setMTI("0400");
            m.set(3, reversal.processingCode());
            m.set(4, String.format("%012d", reversal.amount()));
            m.set(11, reversal.stan());
            m.set(25, "00");
            if (config.acquirerId() != null) {
                m.set(32, config.acquirerId());
            }
            m.set(37, reversal.rrn());
            m.set(39, reversal.reason());
            m.set(41, reversal.tid());
            m.set(42, reversal.mid());
            m.set(49, reversal.currency());
            m.set(60, Field60.of("22", "000000", "000").format());
        } catch (ISOException e) {
            throw new IllegalStateException("cannot build the upstream 0400: " + e.getMessage(), e);
        }
        return m;
    }

    /**
     * The outcome of one request: its answer, whose MAC verified; or why there is none — it never left, no answer
     * came, or the answer's MAC did not verify ({@code untrusted}: it may say anything, approval included).
     */
    private record Exchange(ISOMsg answer, String failure, boolean unsent, boolean untrusted) {

        static Exchange failed(String why, boolean unsent) {
            return new Exchange(null, why, unsent, false);
        }
    }

    // MACs the message, sends it on the next open connection and waits for the answer with the key
    private Exchange exchange(ISOMsg message, String key) {
        UpstreamConnection connection = nextOpenConnection();
        if (connection == null) {
            return Exchange.failed("no connection", true);
        }
        byte[] body;
        try {
            body = macked(message);
        } catch (MessageFormatException e) {
            throw new IllegalStateException("cannot pack the upstream " + message.getString(0) + ": " + e.getMessage(), e);
        }
        CompletableFuture<UpstreamConnection.UpstreamAnswer> answer = awaitAnswer(key, connection);
        try {
            if (LOG.isDebugEnabled()) {
                LOG.debug("to platform via {}: {}", connection.name(), MaskedMessage.describe(message));
            }
            try {
                connection.send(body);
            } catch (UpstreamConnection.NotSent e) {
                return Exchange.failed(e.getMessage(), true);
            } catch (IOException e) {
                // part or all of it may have reached the platform: as good as sent and unanswered
                return Exchange.failed("the connection failed while sending: " + e.getMessage(), false);
            }
            UpstreamConnection.UpstreamAnswer received = answer.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return macVerifies(received) ? new Exchange(received.message(), null, false, false)
                    : new Exchange(null, "the answer's MAC does not verify", false, true);
        } catch (TimeoutException e) {
            return Exchange.failed("no answer within " + config.timeout().toMillis() + " ms", false);
        } catch (ExecutionException e) {
            return Exchange.failed(e.getCause().getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Exchange.failed("interrupted while waiting", false);
        } finally {
            pending.remove(key);
        }
    }

    private byte[] macked(ISOMsg message) throws MessageFormatException {
        message.set(64, new byte[8]);
        byte[] body = CupMessageCodec.pack(message);
        message.set(64, hsm.generateMac(config.mac(), config.zoneMacKey(), CupMessageCodec.macBlockInput(body)));
        return CupMessageCodec.pack(message);
    }

    private boolean macVerifies(UpstreamConnection.UpstreamAnswer answer) {
        byte[] received = answer.message().getBytes(64);
        if (received == null) {
            LOG.warn("platform answer without a MAC: {}", MaskedMessage.describe(answer.message()));
            return false;
        }
        return hsm.verifyMac(config.mac(), config.zoneMacKey(), CupMessageCodec.macBlockInput(answer.body()), received);
    }

    private CompletableFuture<UpstreamConnection.UpstreamAnswer> awaitAnswer(String key, UpstreamConnection via) {
        Waiting waiting = new Waiting(new CompletableFuture<>(), via);
        if (pending.putIfAbsent(key, waiting) != null) {
            throw new IllegalStateException("two upstream requests with the key " + key);
        }
        return waiting.answer();
    }

    private void onAnswer(UpstreamConnection.UpstreamAnswer answer) {
        ISOMsg m = answer.message();
        String key = key(m.getString(0), m.getString(11), m.getString(41), m.getString(37));
        Waiting waiting = pending.get(key);
        if (LOG.isDebugEnabled()) {
            LOG.debug("from platform: {}", MaskedMessage.describe(m));
        }
        if (waiting == null) {
            // an answer after its request was given up on: the reversal owed for it undoes an approval
            LOG.warn("platform answer {} for stan {} rrn {} came after the gateway stopped waiting; ignored",
                    m.getString(39), m.getString(11), m.getString(37));
            return;
        }
        waiting.answer().complete(answer);
    }

    private void onClosed(UpstreamConnection connection, String why) {
        if (!closed) {
            LOG.warn("upstream connection {} ended: {}", connection.name(), why);
        }
        // requests waiting on this connection will not be answered on it: stop waiting now rather than at the timeout
        for (Waiting waiting : pending.values()) {
            if (waiting.via() == connection) {
                waiting.answer().completeExceptionally(new IOException("the connection ended before the answer: " + why));
            }
        }
    }

    private UpstreamConnection nextOpenConnection() {
        for (int i = 0; i < slots.length; i++) {
            UpstreamConnection c = slots[Math.floorMod(nextSlot.getAndIncrement(), slots.length)].connection;
            if (c != null && c.isOpen()) {
                return c;
            }
        }
        return null;
    }

    private void maintainConnections() {
        long now = System.currentTimeMillis();
        for (int i = 0; i < slots.length && !closed; i++) {
            Slot slot = slots[i];
            UpstreamConnection c = slot.connection;
            if (c == null || !c.isOpen()) {
                if (now >= slot.nextDialMillis) {
                    dial(slot, i, now);
                }
            } else if (!slot.echoOutstanding
                    && System.nanoTime() - c.lastSentNanos() > config.echoInterval().toNanos()) {
                echo(slot, c);
            }
        }
    }

    private void dial(Slot slot, int index, long now) {
        try {
            slot.connection = UpstreamConnection.open(index + 1 + "", config.host(), config.port(), config.timeout(),
                    this::onAnswer, this::onClosed);
            slot.backoffMillis = 250;
            slot.echoOutstanding = false;
            LOG.info("upstream connection {} to {}:{} is up", index + 1, config.host(), config.port());
        } catch (IOException e) {
            slot.nextDialMillis = now + slot.backoffMillis;
            LOG.warn("upstream connection {} to {}:{} failed ({}); dialling again in {} ms", index + 1, config.host(),
                    config.port(), e.getMessage(), slot.backoffMillis);
            slot.backoffMillis = Math.min(RECONNECT_BACKOFF_MAX_MILLIS, slot.backoffMillis * 2);
        }
    }

    // An echo test (0820, 60.3 = 301) on a quiet connection; no answer in time and the connection is dropped and
    // dialled again, so that a half-open connection is found before an authorisation is lost on it.
    private void echo(Slot slot, UpstreamConnection connection) {
        slot.echoOutstanding = true;
        String trace = nextStan();
        ISOMsg m = new ISOMsg();
        try {
            m.setMTI("0820");
            m.set(11, trace);
            m.set(60, Field60.of("00", "000000", "301").format());
            byte[] body = CupMessageCodec.pack(m);
            String key = key("0830", trace, null, null);
            CompletableFuture<UpstreamConnection.UpstreamAnswer> answer = awaitAnswer(key, connection);
            connection.send(body);
            answer.orTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS).whenComplete((a, failure) -> {
                pending.remove(key);
                slot.echoOutstanding = false;
                if (failure != null) {
                    LOG.warn("upstream connection {}: echo test unanswered ({}); dialling again", connection.name(),
                            failure.toString());
                    connection.close();
                }
            });
        } catch (ISOException | MessageFormatException | IOException e) {
            slot.echoOutstanding = false;
            LOG.warn("upstream connection {}: echo test could not be sent: {}", connection.name(), e.getMessage());
        }
    }

    private void retryReversals() {
        try {
            reversals.retryDue(reversal -> {
                Exchange exchange = exchange(reversalMessage(reversal), key("0410", reversal.stan(), reversal.tid(),
                        reversal.rrn()));
                return exchange.answer() == null ? null : exchange.answer().getString(39);
            });
        } catch (RuntimeException e) {
            // the store may be down: the reversals stay owed and are tried again next time
            LOG.error("upstream reversals could not be retried now: {}", e.toString());
        }
    }

    private String nextStan() {
        return String.format("%06d", stan.updateAndGet(n -> n >= 999_999 ? 1 : n + 1));
    }

    private static String key(String answerMti, String trace, String tid, String rrn) {
        return answerMti + ':' + trace + ':' + (tid == null ? "" : tid.strip()) + ':' + (rrn == null ? "" : rrn.strip());
    }

    /** Field 54's available balance (amount type 02), when the platform sent one. */
    private static Long balance(ISOMsg answer) {
        String field54 = answer.getString(54);
        if (field54 == null || field54.length() < 20) {
            return null;
        }
        try {
            long amount = Long.parseLong(field54.substring(8, 20));
            return field54.charAt(7) == 'D' ? -amount : amount;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        closed = true;
        connectionsThread.shutdownNow();
        reversalsThread.shutdownNow();
        List<UpstreamConnection> open = new ArrayList<>();
        for (Slot slot : slots) {
            if (slot.connection != null) {
                open.add(slot.connection);
            }
        }
        open.forEach(UpstreamConnection::close);
        LOG.info("upstream link to {}:{} closed; {} request(s) were waiting", config.host(), config.port(),
                pending.size());
    }
}
