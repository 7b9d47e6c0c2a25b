package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installation's hashing key: the keyed hashes come from it, not from the LMK. */
class HashingKeyTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PAN = "6217857600008050804";

    @TempDir
    Path dir;

    @Test
    void theHashesComeFromTheHashingKeyNotFromTheLmk() {
        Lmk lmk = Lmk.loadOrCreateDevelopment(dir.resolve("lmk.dev"));
        WrappedKey hashingKey = HashingKey.generate(lmk, RANDOM);
        SoftwareSecurityModule withKey = new SoftwareSecurityModule(lmk, hashingKey);

        assertThat(new SoftwareSecurityModule(lmk, hashingKey).panHash(PAN)).isEqualTo(withKey.panHash(PAN));
        assertThat(withKey.panHash(PAN)).isNotEqualTo(new SoftwareSecurityModule(lmk).panHash(PAN));
        assertThat(new SoftwareSecurityModule(lmk, HashingKey.generate(lmk, RANDOM)).panHash(PAN))
                .isNotEqualTo(withKey.panHash(PAN));
        String code = withKey.activationCodeHash("SN-1", "12345678");
        assertThat(new SoftwareSecurityModule(lmk, hashingKey).activationCodeMatches("SN-1", "12345678", code)).isTrue();
        assertThat(new SoftwareSecurityModule(lmk).activationCodeMatches("SN-1", "12345678", code)).isFalse();
    }

    @Test
    void theTextFormRoundTripsAndItsDamageIsNamed() {
        Lmk lmk = Lmk.loadOrCreateDevelopment(dir.resolve("lmk.dev"));
        WrappedKey hashingKey = HashingKey.generate(lmk, RANDOM);
        String text = HashingKey.encode(hashingKey);

        assertThat(text).startsWith("D").hasSizeLessThanOrEqualTo(200).isEqualTo(hashingKey.encoded());
        assertThat(HashingKey.decode(text)).isEqualTo(hashingKey);
        assertThat(hashingKey.usage()).isEqualTo(KeyUsage.HASH);
        assertThat(hashingKey.algorithm()).isEqualTo(KeyAlgorithm.AES);
        assertThatThrownBy(() -> HashingKey.decode("K1.TMK.16.00.00000000")).isInstanceOf(HsmException.class)
                .hasMessageContaining("not a key block of this module");
        WrappedKey tmk = new SoftwareSecurityModule(lmk).generateKey(KeyUsage.TMK, 16);
        assertThatThrownBy(() -> HashingKey.decode(tmk.encoded())).isInstanceOf(HsmException.class)
                .hasMessageContaining("expected a 32-byte AES HASH key");
    }

    @Test
    void anAlteredCheckValueOrAnotherLmkIsRefused() {
        Lmk lmk = Lmk.loadOrCreateDevelopment(dir.resolve("lmk.dev"));
        WrappedKey hashingKey = HashingKey.generate(lmk, RANDOM);
        byte[] otherCheckValue = hashingKey.checkValue();
        otherCheckValue[0] ^= 1;
        WrappedKey altered = new WrappedKey(KeyUsage.HASH, KeyAlgorithm.AES, 32, hashingKey.blob(), otherCheckValue);

        assertThatThrownBy(() -> new SoftwareSecurityModule(lmk, altered)).isInstanceOf(HsmException.class)
                .hasMessageContaining("recorded check value");
        Lmk other = Lmk.loadOrCreateDevelopment(dir.resolve("other.dev"));
        assertThatThrownBy(() -> new SoftwareSecurityModule(other, hashingKey)).isInstanceOf(HsmException.class)
                .hasMessageContaining("does not unwrap under this LMK");
        SoftwareSecurityModule module = new SoftwareSecurityModule(lmk);
        WrappedKey tmk = Fixtures.known(module, KeyUsage.TMK, Fixtures.TMK_HEX);
        assertThatThrownBy(() -> new SoftwareSecurityModule(lmk, tmk)).isInstanceOf(HsmException.class)
                .hasMessageContaining("expected a 32-byte AES HASH key");
        assertThatThrownBy(() -> new SoftwareSecurityModule(lmk, (WrappedKey) null)).isInstanceOf(HsmException.class)
                .hasMessageContaining("hashingKey is null");
    }
}
