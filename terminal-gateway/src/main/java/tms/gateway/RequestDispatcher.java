package tms.gateway;

import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.hsm.SecurityModule;
import tms.iso8583.CupMessageCodec;
import tms.iso8583.Frame;
import tms.iso8583.MaskedMessage;
import tms.iso8583.MessageFormatException;
import tms.iso8583.MessageKind;

/**
 * One connection's requests: unpack, identify, verify the MAC where the kind needs one, hand to the
 * kind's handler, MAC and send the answer. One instance per connection.
 *
 * <p>Frames arrive on the Netty I/O thread and are handed to one single-threaded executor of the business
 * group, chosen when the connection opens: database and HSM work never blocks an I/O thread, a
 * connection's requests are answered in the order they came, and its session is only ever touched by that
 * one thread. (Netty 4.2 deprecates adding a handler with its own executor group; this is the off-loading
 * its maintainers recommend instead.)
 */
final class RequestDispatcher extends SimpleChannelInboundHandler<Frame> {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

    private final Map<MessageKind, RequestHandler> handlers;
    private final SecurityModule hsm;
    private final EventExecutorGroup business;
    private final TerminalConnections signedIn;
    private EventExecutor executor;
    private TerminalSession session;

    RequestDispatcher(Map<MessageKind, RequestHandler> handlers, SecurityModule hsm, EventExecutorGroup business,
                      TerminalConnections signedIn) {
        this.handlers = handlers;
        this.hsm = hsm;
        this.business = business;
        this.signedIn = signedIn;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        session = new TerminalSession(String.valueOf(ctx.channel().remoteAddress()));
        executor = business.next();
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        try {
            executor.execute(() -> serve(ctx, frame));
        } catch (RejectedExecutionException e) {
            LOG.warn("closing connection from {}: the gateway is shutting down", session.remoteAddress());
            ctx.close();
        }
    }

    private void serve(ChannelHandlerContext ctx, Frame frame) {
        ISOMsg request;
        try {
            request = CupMessageCodec.unpack(frame.body());
        } catch (MessageFormatException e) {
            LOG.warn("closing connection from {}: malformed message: {}", session.remoteAddress(), e.getMessage());
            ctx.close();
            return;
        }
        String mti = request.getString(0);
        if (mti == null || mti.length() != 4 || (mti.charAt(2) - '0') % 2 != 0) {
            LOG.warn("closing connection from {}: MTI {} is not a request", session.remoteAddress(), mti);
            ctx.close();
            return;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("from {}: {}", session.remoteAddress(), MaskedMessage.describe(request));
        }
        Reply reply = answer(frame, request);
        byte[] body;
        try {
            body = pack(reply);
        } catch (MessageFormatException | ISOException e) {
            LOG.error("closing connection from {}: cannot pack the answer to {}: {}", session.remoteAddress(), mti,
                    e.getMessage());
            ctx.close();
            return;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("to {}: {}", session.remoteAddress(), MaskedMessage.describe(reply.message()));
        }
        if (session.isSignedIn()) {
            // registered before the answer leaves, so a revoke that follows the sign-in finds the connection
            signedIn.signedIn(session.tid(), ctx.channel());
        }
        ctx.writeAndFlush(frame.reply(body, reply.processingNibble()));
    }

    private Reply answer(Frame frame, ISOMsg request) {
        try {
            RequestHandler handler = MessageKind.of(request).map(handlers::get).orElse(null);
            if (handler == null) {
                LOG.warn("refused from {}: no handler for MTI {} processing code {} field 60 {}",
                        session.remoteAddress(), request.getMTI(), request.getString(3), request.getString(60));
                return Reply.plain(ResponseMessage.answering(request, ResponseCodes.INVALID_TRANSACTION));
            }
            if (handler.requiresMac() && !macVerified(frame.body(), request)) {
                LOG.warn("refused from {} (terminal {}): {}", session.remoteAddress(), request.getString(41),
                        session.isSignedIn() ? "MAC does not verify" : "no session: sign in first");
                return Reply.plain(ResponseMessage.answering(request, ResponseCodes.MAC_FAILURE));
            }
            return handler.handle(request, session);
        } catch (MessageFormatException e) {
            LOG.warn("refused from {}: {}", session.remoteAddress(), e.getMessage());
            return safeAnswer(request, ResponseCodes.INVALID_TRANSACTION);
        } catch (Exception e) {
            // the terminal gets 96 and may retry; the cause goes to the log with its stack
            LOG.error("system malfunction answering {} from {}", request.getString(0), session.remoteAddress(), e);
            return safeAnswer(request, ResponseCodes.SYSTEM_MALFUNCTION);
        }
    }

    private static Reply safeAnswer(ISOMsg request, String code) {
        try {
            return Reply.plain(ResponseMessage.answering(request, code));
        } catch (ISOException e) {
            throw new IllegalStateException("cannot build even an error answer", e);
        }
    }

    private boolean macVerified(byte[] body, ISOMsg request) {
        return session.isSignedIn() && request.hasField(64)
                && hsm.verifyMac(session.mak(), CupMessageCodec.macBlockInput(body), request.getBytes(64));
    }

    private byte[] pack(Reply reply) throws MessageFormatException, ISOException {
        ISOMsg message = reply.message();
        if (!reply.macked() || !session.isSignedIn()) {
            return CupMessageCodec.pack(message);
        }
        // pack once with a placeholder MAC, then write the real one over the last 8 bytes
        message.set(64, new byte[8]);
        byte[] body = CupMessageCodec.pack(message);
        byte[] mac = hsm.generateMac(session.mak(), CupMessageCodec.macBlockInput(body));
        System.arraycopy(mac, 0, body, body.length - 8, 8);
        message.set(64, mac);
        return body;
    }
}
