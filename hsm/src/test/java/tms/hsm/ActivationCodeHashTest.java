package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivationCodeHashTest {

    @TempDir
    Path temp;

    @Test
    void hashIsBoundToSerialAndLmkAndMatchesOnlyTheRightCode() {
        SecurityModule hsm = new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(temp.resolve("a.key")));
        SecurityModule other = new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(temp.resolve("b.key")));
        String hash = hsm.activationCodeHash("SN-1", "48213907");

        assertThat(hash).matches("[0-9a-f]{64}");
        assertThat(hsm.activationCodeMatches("SN-1", "48213907", hash)).isTrue();
        assertThat(hsm.activationCodeMatches("SN-1", "48213908", hash)).isFalse();
        assertThat(hsm.activationCodeMatches("SN-2", "48213907", hash)).isFalse();
        assertThat(other.activationCodeMatches("SN-1", "48213907", hash)).isFalse();
        // the serial's length is hashed too: "SN-1" + "2..." differs from "SN-12" + "..."
        assertThat(hsm.activationCodeHash("SN-1", "23")).isNotEqualTo(hsm.activationCodeHash("SN-12", "3"));
        assertThat(hsm.panHash("6212261234567890")).isNotEqualTo(hsm.activationCodeHash("x", "6212261234567890"));
    }

    @Test
    void knownAnswerAgainstAnIndependentJceComputation() throws Exception {
        Lmk lmk = Lmk.loadOrCreateDevelopment(temp.resolve("c.key"));
        SecurityModule hsm = new SoftwareSecurityModule(lmk);
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(SHA256Digest.newInstance());
        hkdf.init(new HKDFParameters(lmk.keyMaterial(), null, "tms.hsm activation-code v1".getBytes(StandardCharsets.US_ASCII)));
        byte[] key = new byte[32];
        hkdf.generateBytes(key, 0, 32);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
        mac.update((byte) 4);
        mac.update("SN-9".getBytes(StandardCharsets.US_ASCII));
        byte[] expected = mac.doFinal("12345678".getBytes(StandardCharsets.US_ASCII));
        assertThat(hsm.activationCodeHash("SN-9", "12345678")).isEqualTo(java.util.HexFormat.of().formatHex(expected));
    }

    @Test
    void refusesEmptyInputAndACorruptStoredHash() {
        SecurityModule hsm = new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(temp.resolve("d.key")));
        assertThatThrownBy(() -> hsm.activationCodeHash("", "1")).isInstanceOf(HsmException.class)
                .hasMessageContaining("serial number");
        assertThatThrownBy(() -> hsm.activationCodeHash("SN", "")).hasMessageContaining("activation code");
        assertThatThrownBy(() -> hsm.activationCodeMatches("SN", "1", "zz")).hasMessageContaining("not hexadecimal");
    }
}
