package tms.hsm;

import java.util.Arrays;

import org.bouncycastle.crypto.Mac;
import org.bouncycastle.crypto.params.KeyParameter;

/** Runs a Bouncy Castle MAC over data under clear key bytes, zeroing the parameter's copy of the key. */
final class MacComputation {

    private MacComputation() {
    }

    static byte[] of(Mac mac, byte[] key, byte[] data) {
        KeyParameter parameter = new KeyParameter(key);
        mac.init(parameter);
        Arrays.fill(parameter.getKey(), (byte) 0);
        mac.update(data, 0, data.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }
}
