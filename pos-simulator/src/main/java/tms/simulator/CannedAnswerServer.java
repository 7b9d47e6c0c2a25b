package tms.simulator;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

import tms.iso8583.CupMessageCodec;
import tms.iso8583.Frame;
import tms.iso8583.MessageFormatException;

/**
 * The I/O ceiling: a server that answers every frame with the same approved 0210, in the gateway's framing
 * (2-byte length, TPDU swapped, header echoed) but with no database, HSM or business thread behind it. The
 * same load against it shows what the generator, the loopback and Netty alone can do. It is a benchmark
 * tool and is never part of the production gateway. An answer delay makes it a stalling host for tests.
 */
public final class CannedAnswerServer implements AutoCloseable {

    /** The most a CUP frame may be here, as at the gateway. */
    private static final int MAX_FRAME = 2048;

    private final byte[] cannedBody;
    private final Duration answerDelay;
    private final LongAdder answered = new LongAdder();
    private EventLoopGroup acceptors;
    private EventLoopGroup workers;
    private io.netty.channel.Channel serverChannel;

    /** Approves everything at once. */
    public CannedAnswerServer() {
        this("00", Duration.ZERO);
    }

    /**
     * Answers every frame with {@code responseCode} in field 39, each only after {@code answerDelay}, as a
     * host stalled on its database would.
     */
    public CannedAnswerServer(String responseCode, Duration answerDelay) {
        this.cannedBody = cannedAnswer(responseCode);
        this.answerDelay = answerDelay;
    }

    /** Binds to 127.0.0.1 on {@code port} (0 = a free one) and returns the port bound. */
    public synchronized int start(int port) throws InterruptedException {
        acceptors = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        // as many I/O threads as the gateway's default, so the ceiling is the same Netty the gateway runs on
        workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        serverChannel = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new LengthFieldBasedFrameDecoder(MAX_FRAME, 0, 2, 0, 2),
                                new CannedAnswer());
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Frames answered so far. */
    public long answered() {
        return answered.sum();
    }

    @Override
    public synchronized void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
            serverChannel = null;
        }
        if (workers != null) {
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            acceptors.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            workers = null;
        }
    }

    private final class CannedAnswer extends SimpleChannelInboundHandler<ByteBuf> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            Frame request;
            try {
                request = Frame.parse(ByteBufUtil.getBytes(frame));
            } catch (MessageFormatException e) {
                ctx.close(); // not a CUP frame: the gateway would close too
                return;
            }
            ByteBuf answer = Unpooled.wrappedBuffer(request.reply(cannedBody, 0).toBytesWithLength());
            if (answerDelay.isZero()) {
                write(ctx, answer);
            } else {
                ctx.executor().schedule(() -> write(ctx, answer), answerDelay.toNanos(), TimeUnit.NANOSECONDS);
            }
        }

        private void write(ChannelHandlerContext ctx, ByteBuf answer) {
            answered.increment();
            ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a reset by a terminal that went away at the end of a run: nothing to report
        }
    }

    /** A purchase answer, without a MAC: the canned server holds no keys. */
    private static byte[] cannedAnswer(String responseCode) {
        try {
            ISOMsg answer = new ISOMsg();
            answer.setMTI("0210");
            answer.set(3, "000000");
            answer.set(4, "000000001234");
            answer.set(11, "000001");
            answer.set(12, "120000");
            answer.set(13, "0101");
            answer.set(37, "000000000001");
            answer.set(38, "000001");
            answer.set(39, responseCode);
            answer.set(41, "00000000");
            answer.set(42, "000000000000000");
            return CupMessageCodec.pack(answer);
        } catch (ISOException | MessageFormatException e) {
            throw new IllegalStateException("the canned 0210 does not pack: " + e.getMessage(), e);
        }
    }
}
