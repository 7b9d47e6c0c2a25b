package tms.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of the pipeline: a connection that sends what cannot be framed, or stays silent too long,
 * is closed with one log line saying why; every other connection carries on.
 */
final class ConnectionGuard extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ctx.channel().isActive()) {
            LOG.warn("closing connection from {}: {}", ctx.channel().remoteAddress(), reason(cause));
        }
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            LOG.info("closing idle connection from {}", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    private static String reason(Throwable cause) {
        Throwable root = cause;
        String message = cause.getMessage();
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (message == null) {
            message = root.getMessage();
        }
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
