package tms.gateway;

import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.hsm.SecurityModule;
import tms.hsm.WrappedKey;
import tms.iso8583.CupMessageCodec;
import tms.iso8583.Frame;
import tms.iso8583.MaskedMessage;
import tms.iso8583.MessageFormatException;
import tms.iso8583.MessageKind;
import tms.store.SignedInTerminal;
import tms.store.Store;
import tms.store.TerminalMapper;

/**
 * One connection's requests: unpack, identify, verify the MAC where the kind needs one, hand to the
 * kind's handler, MAC and send the answer. One instance per connection.
 *
 * <p>Frames arrive on the Netty I/O thread and are handed to one single-threaded executor of the business
 * group, chosen when the connection opens: database and HSM work never blocks an I/O thread, and a
 * connection's requests are answered in the order they came. (Netty 4.2 deprecates adding a handler with
 * its own executor group; this is the off-loading its maintainers recommend instead.) While a request is
 * being answered the connection stops reading, so one terminal cannot queue unbounded work.
 */
final class RequestDispatcher extends SimpleChannelInboundHandler<Frame> {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

    private final Map<MessageKind, RequestHandler> handlers;
    private final SecurityModule hsm;
    private final Store store;
    private final EventExecutorGroup business;
    private final TerminalConnections connections;
    private EventExecutor executor;
    private String remote;
    /** The TID that signed in on this connection; touched only by this connection's business thread. */
    private String signedInTid;
    /** Set on the I/O thread when a request is handed over, cleared when its answer is written. */
    private boolean inFlight;

    RequestDispatcher(Map<MessageKind, RequestHandler> handlers, SecurityModule hsm, Store store,
                      EventExecutorGroup business, TerminalConnections connections) {
        this.handlers = handlers;
        this.hsm = hsm;
        this.store = store;
        this.business = business;
        this.connections = connections;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        remote = String.valueOf(ctx.channel().remoteAddress());
        executor = business.next();
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        if (inFlight) {
            // CUP terminals send one request and wait for its answer; a second one now is a broken or
            // hostile client, and queueing it would let one connection pile up unbounded work
            LOG.warn("closing connection from {}: a second request arrived before the first was answered", remote);
            ctx.close();
            return;
        }
        inFlight = true;
        ctx.channel().config().setAutoRead(false);
        try {
            executor.execute(() -> serve(ctx, frame));
        } catch (RejectedExecutionException e) {
            LOG.warn("closing connection from {}: the gateway is shutting down", remote);
            ctx.close();
        }
    }

    private void serve(ChannelHandlerContext ctx, Frame frame) {
        try {
            answer(ctx, frame);
        } catch (Throwable e) {
            // never leave a terminal waiting on an open connection: it will redial and retry or reverse
            LOG.error("closing connection from {}: could not answer: {}", remote, e.toString(), e);
            ctx.close();
        }
    }

    private void answer(ChannelHandlerContext ctx, Frame frame) throws MessageFormatException, ISOException {
        ISOMsg request;
        try {
            request = CupMessageCodec.unpack(frame.body());
        } catch (MessageFormatException e) {
            LOG.warn("closing connection from {}: malformed message: {}", remote, e.getMessage());
            ctx.close();
            return;
        }
        String mti = request.getString(0);
        if (mti == null || mti.length() != 4 || (mti.charAt(2) - '0') % 2 != 0) {
            LOG.warn("closing connection from {}: MTI {} is not a request", remote, LogText.printable(mti));
            ctx.close();
            return;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("from {}: {}", remote, MaskedMessage.describe(request));
        }
        Answer answer = answer(frame, request);
        byte[] body = pack(answer);
        if (LOG.isDebugEnabled()) {
            LOG.debug("to {}: {}", remote, MaskedMessage.describe(answer.reply.message()));
        }
        String tid = request.getString(41);
        if (answer.authenticated && "00".equals(answer.reply.message().getString(39))) {
            // remembered before the answer leaves, so a revoke that follows finds this connection
            connections.signedIn(tid, ctx.channel());
            if (answer.signIn) {
                signedInTid = tid;
            }
        }
        String what = mti + " trace " + LogText.printable(request.getString(11)) + " terminal " + LogText.printable(tid);
        ctx.writeAndFlush(frame.reply(body, answer.reply.processingNibble())).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                inFlight = false;
                f.channel().config().setAutoRead(true);
            } else {
                // the row (if any) is committed; the terminal will reverse or retry what it did not hear
                LOG.warn("the answer to {} could not be sent to {}: {}", what, remote, f.cause().toString());
                f.channel().close();
            }
        });
    }

    /**
     * The handler's reply, the MAK that MACs it, whether the requester proved who it is (a sign-in, which
     * only the TMK's holder can use, or a verified MAC), and whether it was a sign-in.
     */
    private record Answer(Reply reply, WrappedKey mak, boolean authenticated, boolean signIn) {
    }

    private Answer answer(Frame frame, ISOMsg request) {
        try {
            MessageKind kind = MessageKind.of(request).orElse(null);
            RequestHandler handler = kind == null ? null : handlers.get(kind);
            if (handler == null) {
                LOG.warn("refused from {}: no handler for MTI {} processing code {} field 60 {}", remote,
                        request.getMTI(), LogText.printable(request.getString(3)),
                        LogText.printable(request.getString(60)));
                return plain(request, ResponseCodes.INVALID_TRANSACTION);
            }
            if (!handler.requiresMac()) {
                boolean signIn = kind == MessageKind.SIGN_IN;
                Reply reply = handler.handle(request, Requester.unverified(remote, signedInTid));
                if (signIn || kind == MessageKind.ECHO_TEST) {
                    reply = signallingRekey(reply, request.getString(41));
                }
                return new Answer(reply, null, signIn, signIn);
            }
            String tid = request.getString(41);
            SignedInTerminal terminal = tid == null ? null
                    : store.read(s -> s.getMapper(TerminalMapper.class).findSignedIn(tid));
            if (terminal == null) {
                LOG.warn("refused from {}: terminal {} is not registered", remote, LogText.printable(tid));
                return plain(request, ResponseCodes.NOT_REGISTERED);
            }
            if (terminal.makWrapped() == null) {
                LOG.warn("refused from {}: terminal {} has not signed in", remote, tid);
                return plain(request, ResponseCodes.MAC_FAILURE);
            }
            WrappedKey mak = WrappedKey.decode(terminal.makWrapped());
            byte[] macBlockInput = CupMessageCodec.macBlockInput(frame.body());
            if (!request.hasField(64) || !hsm.verifyMac(mak, macBlockInput, request.getBytes(64))) {
                LOG.warn("refused from {}: terminal {}: MAC does not verify", remote, tid);
                return plain(request, ResponseCodes.MAC_FAILURE);
            }
            Reply reply = handler.handle(request, new Requester(remote, signedInTid, terminal, mak, macBlockInput));
            if (terminal.rekeyPending() && reply.processingNibble() == ProcessingRequirement.NONE) {
                reply = new Reply(reply.message(), reply.macked(), ProcessingRequirement.FETCH_NEW_TMK);
            }
            return new Answer(reply, mak, true, false);
        } catch (MessageFormatException e) {
            LOG.warn("refused from {}: {}", remote, e.getMessage());
            return plain(request, ResponseCodes.INVALID_TRANSACTION);
        } catch (Exception e) {
            // the terminal gets 96 and may retry; the cause goes to the log with its stack
            LOG.error("system malfunction answering {} from {}", request.getString(0), remote, e);
            return plain(request, ResponseCodes.SYSTEM_MALFUNCTION);
        }
    }

    /**
     * A new TMK waiting for the terminal is announced in the processing requirement of every answer it gets
     * until it confirms the key; sign-ins and echo tests (the only messages some terminals send for days) ask
     * the store, financial messages already know from the row their MAC was checked against.
     */
    private Reply signallingRekey(Reply reply, String tid) {
        if (tid == null || reply.processingNibble() != ProcessingRequirement.NONE
                || !ResponseCodes.APPROVED.equals(reply.message().getString(39))) {
            return reply;
        }
        Boolean pending = store.read(s -> s.getMapper(TerminalMapper.class).isRekeyPending(tid));
        return pending ? new Reply(reply.message(), reply.macked(), ProcessingRequirement.FETCH_NEW_TMK) : reply;
    }

    private static Answer plain(ISOMsg request, String code) {
        try {
            return new Answer(Reply.plain(ResponseMessage.answering(request, code)), null, false, false);
        } catch (ISOException e) {
            throw new IllegalStateException("cannot build even an error answer", e);
        }
    }

    private byte[] pack(Answer answer) throws MessageFormatException, ISOException {
        ISOMsg message = answer.reply.message();
        if (!answer.reply.macked() || answer.mak == null) {
            return CupMessageCodec.pack(message);
        }
        // pack once with a placeholder MAC, then write the real one over the last 8 bytes
        message.set(64, new byte[8]);
        byte[] body = CupMessageCodec.pack(message);
        byte[] mac = hsm.generateMac(answer.mak, CupMessageCodec.macBlockInput(body));
        System.arraycopy(mac, 0, body, body.length - 8, 8);
        message.set(64, mac);
        return body;
    }
}
