package tms.gateway;

import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.hsm.SecurityModule;
import tms.iso8583.CupPackager;
import tms.iso8583.MessageKind;
import tms.store.Store;
import tms.store.TransactionKind;

/** The TCP server that terminals dial. */
public final class TerminalGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TerminalGateway.class);
    /** The name prefix of the threads that run handlers, off Netty's I/O threads. */
    public static final String BUSINESS_THREADS = "tms-business";

    private final GatewayConfig config;
    private final SecurityModule hsm;
    private final Map<MessageKind, RequestHandler> handlers;
    private final ChannelGroup connections = new DefaultChannelGroup("terminals", GlobalEventExecutor.INSTANCE);
    private final TerminalConnections signedIn = new TerminalConnections();
    private final Store store;
    private final CaptureWriter writer;
    private BarredTerminalWatcher watcher;
    private EventLoopGroup acceptors;
    private EventLoopGroup workers;
    private EventExecutorGroup business;
    private Channel serverChannel;

    public TerminalGateway(GatewayConfig config, Store store, SecurityModule hsm, PaymentPlatform platform,
                           HostClock clock) {
        this.config = config;
        this.hsm = hsm;
        this.store = store;
        this.writer = new CaptureWriter(store);
        ReferenceNumbers rrns = new ReferenceNumbers(store);
        Map<MessageKind, RequestHandler> map = new EnumMap<>(MessageKind.class);
        map.put(MessageKind.SIGN_IN, new SignInHandler(store, hsm, clock, rrns, config.acquirerId()));
        map.put(MessageKind.SIGN_OFF, new SignOffHandler(store));
        HostSigningKeys hostKeys = new HostSigningKeys(store, hsm, "gateway");
        map.put(MessageKind.ACTIVATION, new ActivationHandler(store, hsm, hostKeys, clock));
        map.put(MessageKind.TMK_DOWNLOAD, new TmkDownloadHandler(store, hsm, hostKeys, clock));
        map.put(MessageKind.TMK_CONFIRMATION, new TmkConfirmationHandler(store, clock));
        map.put(MessageKind.ECHO_TEST, new EchoTestHandler(clock));
        Capture capture = new Capture(store, writer, hsm, platform, clock, rrns, config.acquirerId());
        OriginalTransaction originals = new OriginalTransaction(store, hsm, capture);
        map.put(MessageKind.PURCHASE, new AuthorisationHandler(TransactionKind.PURCHASE, capture));
        map.put(MessageKind.BALANCE_INQUIRY, new AuthorisationHandler(TransactionKind.BALANCE_INQUIRY, capture));
        map.put(MessageKind.PURCHASE_VOID, new VoidHandler(originals));
        map.put(MessageKind.REFUND, new RefundHandler(originals));
        map.put(MessageKind.PRE_AUTH, new AuthorisationHandler(TransactionKind.PRE_AUTH, capture));
        map.put(MessageKind.PRE_AUTH_VOID, new PreAuthVoidHandler(originals));
        map.put(MessageKind.PRE_AUTH_COMPLETION, new CompletionHandler(originals));
        map.put(MessageKind.PRE_AUTH_COMPLETION_VOID, new CompletionVoidHandler(originals));
        map.put(MessageKind.REVERSAL, new ReversalHandler(store, writer, hsm, clock, config.acquirerId()));
        map.put(MessageKind.SETTLEMENT, new SettlementHandler(store, writer, clock));
        map.put(MessageKind.BATCH_UPLOAD, new BatchUploadHandler(store, hsm, clock));
        map.put(MessageKind.BATCH_UPLOAD_END, new BatchUploadEndHandler(store, clock));
        this.handlers = Map.copyOf(map);
    }

    /** Binds and starts serving; returns the port actually bound (useful with port 0). */
    /** The writer of every captured row, for its counters (tests and diagnostics). */
    CaptureWriter captureWriter() {
        return writer;
    }

    public synchronized int start() throws InterruptedException {
        if (serverChannel != null) {
            throw new IllegalStateException("the gateway is already running on port " + port());
        }
        CupPackager.shared(); // load the dialect before the first terminal waits for it
        acceptors = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        // named so that logs (and a test) can tell business threads from Netty's I/O threads
        business = new DefaultEventExecutorGroup(config.businessThreads(), new DefaultThreadFactory(BUSINESS_THREADS));
        writer.start();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connections.add(channel);
                        ChannelPipeline pipeline = channel.pipeline();
                        pipeline.addLast("idle", new IdleStateHandler(
                                config.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
                        pipeline.addLast("length", new LengthFieldBasedFrameDecoder(
                                config.maxFrameLength(), 0, 2, 0, 2));
                        pipeline.addLast("frame", new FrameCodec());
                        pipeline.addLast("dispatch", new RequestDispatcher(handlers, hsm, store, business, signedIn));
                        pipeline.addLast("guard", new ConnectionGuard());
                    }
                });
        try {
            // the watcher reads the store first: a store that cannot be read stops the start before any port opens
            watcher = new BarredTerminalWatcher(store, signedIn, config.barredTerminalPoll());
        } catch (RuntimeException e) {
            stopThreads();
            throw e;
        }
        try {
            serverChannel = bootstrap.bind(config.bindAddress(), config.port()).sync().channel();
        } catch (Exception e) {
            watcher.close();
            stopThreads();
            throw new GatewayBindException(config.bindAddress(), config.port(), e);
        }
        int port = port();
        LOG.info("terminal gateway listening on {}:{}", config.bindAddress(), port);
        return port;
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Terminal connections open right now. */
    public int openConnections() {
        return connections.size();
    }

    @Override
    public synchronized void close() {
        if (serverChannel == null) {
            return;
        }
        watcher.close();
        // stop taking new connections and new requests, let the requests in hand finish and their answers
        // leave (their rows are committed), then close what is left
        serverChannel.close().syncUninterruptibly();
        connections.forEach(channel -> channel.config().setAutoRead(false));
        business.shutdownGracefully(0, 10, TimeUnit.SECONDS).syncUninterruptibly();
        // after the business threads: the requests they finished had their units written
        writer.close();
        connections.close().awaitUninterruptibly();
        stopThreads();
        serverChannel = null;
        LOG.info("terminal gateway stopped");
    }

    private void stopThreads() {
        business.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        writer.close();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
