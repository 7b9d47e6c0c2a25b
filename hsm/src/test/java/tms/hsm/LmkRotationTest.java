package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.hsm.Fixtures.hex;

import java.security.SecureRandom;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Moving stored keys from one LMK to another, one key at a time, resumable. */
class LmkRotationTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PAN = "6217857600008050804";

    private final Lmk oldLmk = componentsLmk();
    private final Lmk newLmk = componentsLmk();
    private final SoftwareSecurityModule oldModule = new SoftwareSecurityModule(oldLmk);
    private final SoftwareSecurityModule newModule = new SoftwareSecurityModule(newLmk);
    private final LmkRotation rotation = new LmkRotation(oldLmk, newLmk);

    @Test
    void aRewrappedKeyWorksUnderTheNewLmkWithTheSameValueAndNoLongerUnderTheOld() {
        WrappedKey tmk = Fixtures.known(oldModule, KeyUsage.TMK, Fixtures.TMK_HEX);
        WrappedKey mak = Fixtures.known(oldModule, KeyUsage.MAK, Fixtures.MAC_MAK_HEX);
        byte[] mab = hex(Fixtures.MAB_HEX);

        WrappedKey newTmk = rotation.rewrap(tmk);
        WrappedKey newMak = rotation.rewrap(mak);

        assertThat(newTmk.blob()).isNotEqualTo(tmk.blob());
        assertThat(newTmk.usage()).isEqualTo(KeyUsage.TMK);
        assertThat(newTmk.checkValueHex()).isEqualTo(tmk.checkValueHex());
        assertThat(newModule.checkValue(newTmk)).isEqualTo(oldModule.checkValue(tmk));
        assertThat(newModule.generateMac(newMak, mab)).isEqualTo(oldModule.generateMac(mak, mab));
        assertThatThrownBy(() -> oldModule.checkValue(newTmk)).isInstanceOf(HsmException.class)
                .hasMessageContaining("does not unwrap under this LMK");
    }

    @Test
    void aKeyAlreadyUnderTheNewLmkIsRecognisedAndLeftAsItIs() {
        WrappedKey tmk = Fixtures.known(oldModule, KeyUsage.TMK, Fixtures.TMK_HEX);
        assertThat(rotation.isUnderNewLmk(tmk)).isFalse();

        WrappedKey once = rotation.rewrap(tmk);

        assertThat(rotation.isUnderNewLmk(once)).isTrue();
        assertThat(rotation.rewrap(once)).isSameAs(once);
    }

    @Test
    void theHashingKeyMovesAndThePanHashStaysTheSame() {
        WrappedKey hashingKey = HashingKey.generate(oldLmk, RANDOM);
        String before = new SoftwareSecurityModule(oldLmk, hashingKey).panHash(PAN);

        WrappedKey moved = rotation.rewrap(hashingKey);

        assertThat(new SoftwareSecurityModule(newLmk, moved).panHash(PAN)).isEqualTo(before);
        assertThatThrownBy(() -> new SoftwareSecurityModule(newLmk, hashingKey)).isInstanceOf(HsmException.class)
                .hasMessageContaining("does not unwrap under this LMK");
    }

    @Test
    void aPrivateKeyMovesAndStillSigns() {
        HostSigningKeyPair pair = oldModule.generateHostSigningKey(DeviceKeyAlgorithm.SM2);

        WrappedPrivateKey moved = rotation.rewrap(pair.privateKey());

        assertThat(moved.blob()).isNotEqualTo(pair.privateKey().blob());
        byte[] data = "activation answer".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] signature = newModule.signAsHost(moved, data);
        assertThat(pair.publicKey().verify(data, signature)).isTrue();
        assertThat(rotation.rewrap(moved)).isSameAs(moved);
        assertThatThrownBy(() -> oldModule.signAsHost(moved, data)).isInstanceOf(HsmException.class);
    }

    @Test
    void aKeyUnderAThirdLmkIsRefusedNamingBothCheckValues() {
        Lmk third = componentsLmk();
        WrappedKey stranger = Fixtures.known(new SoftwareSecurityModule(third), KeyUsage.TMK, Fixtures.TMK_HEX);

        assertThatThrownBy(() -> rotation.rewrap(stranger)).isInstanceOf(HsmException.class)
                .hasMessageContaining("unwraps under neither the old LMK (" + oldLmk.checkValueHex() + ")")
                .hasMessageContaining("nor the new one (" + newLmk.checkValueHex() + ")");
    }

    @Test
    void rotatingToTheSameLmkIsRefused() {
        assertThatThrownBy(() -> new LmkRotation(oldLmk, oldLmk)).isInstanceOf(HsmException.class)
                .hasMessageContaining("is the old LMK");
    }

    private static Lmk componentsLmk() {
        return Lmk.fromComponents(List.of(Lmk.newComponent(RANDOM).value(), Lmk.newComponent(RANDOM).value()));
    }
}
