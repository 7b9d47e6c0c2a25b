package tms.benchmarks;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jpos.iso.ISOMsg;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import tms.hsm.KeyUsage;
import tms.hsm.SecurityModule;
import tms.hsm.WrappedKey;
import tms.iso8583.CupMessageCodec;
import tms.iso8583.CupPackager;
import tms.iso8583.Field60;
import tms.iso8583.Frame;

/**
 * What the gateway does with every purchase before any business rule — split the frame, unpack and
 * validate the body, verify the MAC — beside a plain jPOS unpack of the same body as the baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PurchaseDecodeBenchmark {

    private byte[] frameAfterLength;
    private byte[] body;
    private SecurityModule hsm;
    private WrappedKey mak;

    @Setup
    public void setUp() throws Exception {
        hsm = ThrowAwayModule.create();
        mak = hsm.formKeyFromComponents(KeyUsage.MAK, List.of(HexFormat.of().parseHex("2222222222222222")));

        ISOMsg m = new ISOMsg();
        m.setMTI("0200");
        m.set(2, "6212261234567890");
        m.set(3, "000000");
        m.set(4, "000000001234");
        m.set(11, "000123");
        m.set(14, "3012");
        m.set(22, "021");
        m.set(25, "00");
        m.set(26, "06");
        m.set(35, "6212261234567890D30121010000000000");
        m.set(41, "10000001");
        m.set(42, "898100012340001");
        m.set(49, "156");
        m.set(52, HexFormat.of().parseHex("0123456789ABCDEF"));
        m.set(53, "2600000000000000");
        m.set(60, Field60.of("22", "000001", "000").format());
        m.set(64, new byte[8]);
        body = CupMessageCodec.pack(m);
        byte[] mac = hsm.generateMac(mak, CupMessageCodec.macBlockInput(body));
        System.arraycopy(mac, 0, body, body.length - 8, 8);
        frameAfterLength = new Frame(HexFormat.of().parseHex("6006010000"), HexFormat.of().parseHex("603100311301"),
                body).toBytes();
        if (!decodeUnpackVerify()) {
            throw new IllegalStateException("the benchmark's own purchase does not verify");
        }
    }

    /** Baseline: jPOS unpacking the same body with the same packager, nothing else. */
    @Benchmark
    public ISOMsg plainJposUnpack() throws Exception {
        ISOMsg m = new ISOMsg();
        m.setPackager(CupPackager.shared());
        m.unpack(body);
        return m;
    }

    /** The gateway's path: frame split, unpack with validation, MAC verify under the session MAK. */
    @Benchmark
    public boolean decodeUnpackVerify() throws Exception {
        Frame frame = Frame.parse(frameAfterLength);
        ISOMsg m = CupMessageCodec.unpack(frame.body());
        return hsm.verifyMac(mak, CupMessageCodec.macBlockInput(frame.body()), m.getBytes(64));
    }

    /** The unpack with validation alone, to tell its cost from the MAC's. */
    @Benchmark
    public ISOMsg decodeUnpack() throws Exception {
        return CupMessageCodec.unpack(Frame.parse(frameAfterLength).body());
    }
}
