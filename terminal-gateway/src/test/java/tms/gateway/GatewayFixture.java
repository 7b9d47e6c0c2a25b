package tms.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;

import tms.hsm.KeyUsage;
import tms.hsm.Lmk;
import tms.hsm.SecurityModule;
import tms.hsm.SoftwareSecurityModule;
import tms.hsm.WrappedKey;
import tms.simulator.SimulatedTerminal;
import tms.simulator.TerminalProfile;
import tms.store.CapturedTransaction;
import tms.store.Merchant;
import tms.store.MerchantMapper;
import tms.store.Store;
import tms.store.Terminal;
import tms.store.TerminalMapper;
import tms.store.TerminalState;
import tms.store.TransactionKind;
import tms.store.TransactionMapper;
import tms.store.testing.TestDatabase;

/**
 * A gateway on a real socket (port 0) over a real database, with the host's security module and a
 * simulated terminal holding its own copy of the TMK under its own LMK.
 */
public final class GatewayFixture implements AutoCloseable {

    public static final String TID = "10000001";
    public static final String MID = "898100012340001";
    /** The TMK both sides share, as the warehouse would inject it (PROTOCOL.md §7 uses 16 × 11). */
    public static final byte[] TMK = HexFormat.of().parseHex("11111111111111111111111111111111");

    private final TestDatabase database;
    private final Store store;
    private final SecurityModule hostHsm;
    private final SecurityModule terminalHsm;
    private final TerminalGateway gateway;
    private final int port;
    private final java.util.Map<String, TerminalProfile> profiles = new java.util.HashMap<>();

    public GatewayFixture(TestDatabase database, Path temp, GatewayConfig config) throws Exception {
        this(database, temp, config, new StandInPlatform(config.standInRules()));
    }

    public GatewayFixture(TestDatabase database, Path temp, GatewayConfig config, PaymentPlatform platform)
            throws Exception {
        this.database = database;
        this.store = database.open();
        this.hostHsm = new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(temp.resolve("host-lmk.key")));
        this.terminalHsm = new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(temp.resolve("terminal-lmk.key")));
        this.gateway = new TerminalGateway(config.withPort(0).withBindAddress("127.0.0.1"), store, hostHsm,
                platform, new HostClock(Clock.systemUTC(), ZoneId.of("Asia/Shanghai")));
        this.port = gateway.start();
    }

    public GatewayFixture(TestDatabase database, Path temp) throws Exception {
        this(database, temp, GatewayConfig.defaults());
    }

    /** Registers a terminal with the shared TMK in the given state. */
    public void register(String serial, String tid, String mid, TerminalState state) {
        WrappedKey tmk = hostHsm.formKeyFromComponents(KeyUsage.TMK, List.of(TMK.clone()));
        store.write(s -> {
            MerchantMapper merchants = s.getMapper(MerchantMapper.class);
            if (merchants.findByMid(mid) == null) {
                merchants.insert(new Merchant(null, mid, "Test merchant " + mid, null));
            }
            s.getMapper(TerminalMapper.class).insert(new Terminal(null, serial, null, null, "T1", tid, mid, state,
                    tmk.encoded(), tmk.checkValueHex(), null, null, null));
            return null;
        });
    }

    public void registerDefault() {
        register("SN-" + TID, TID, MID, TerminalState.ACTIVE);
    }

    /** A simulated terminal for the given TID/MID holding the shared TMK, connected to the gateway. */
    public SimulatedTerminal terminal(String tid, String mid) throws IOException {
        // one profile per terminal, kept across connections as a real terminal keeps its keys and counters
        TerminalProfile profile = profiles.computeIfAbsent(tid + "/" + mid, key -> new TerminalProfile("SN-" + tid,
                tid, mid, terminalHsm.formKeyFromComponents(KeyUsage.TMK, List.of(TMK.clone())), 0));
        return new SimulatedTerminal(profile, terminalHsm, "127.0.0.1", port, Duration.ofSeconds(10));
    }

    public SimulatedTerminal terminal() throws IOException {
        return terminal(TID, MID);
    }

    /** Registers the default terminal and connects it, signed in with 004. */
    public SimulatedTerminal signedInTerminal() throws IOException {
        registerDefault();
        SimulatedTerminal terminal = terminal();
        if (!terminal.signIn("004").approved()) {
            throw new IllegalStateException("the default terminal could not sign in");
        }
        return terminal;
    }

    /** The default terminal's captured row with this key, or null. */
    public CapturedTransaction transaction(String batch, String trace, TransactionKind kind) {
        return store.read(s -> s.getMapper(TransactionMapper.class).findByKey(TID, batch, trace, kind));
    }

    /** Every captured row, of every kind. */
    public long capturedRows() {
        Long rows = store.read(s -> s.getMapper(TransactionMapper.class).count());
        return rows;
    }

    public Store store() {
        return store;
    }

    public SecurityModule terminalHsm() {
        return terminalHsm;
    }

    public SecurityModule hostHsm() {
        return hostHsm;
    }

    public TerminalGateway gateway() {
        return gateway;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws IOException {
        gateway.close();
        database.close();
    }

    static Path tempDir(Path base, String name) throws IOException {
        return Files.createDirectories(base.resolve(name));
    }
}
