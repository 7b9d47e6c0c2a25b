package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.hsm.Fixtures.hex;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A simulated terminal's side of activation (PROTOCOL.md §5): its key goes out, the TMK comes back, signed. */
class DeviceKeyPairTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] TMK = hex(Fixtures.TMK_HEX);
    private static final byte[] CHECK_VALUE = TripleDes.checkValue(TMK);

    /** The one RSA key pair this class generates. */
    private static DeviceKeyPair rsaDevice;
    private static DeviceKeyPair sm2Device;
    private static final HostSigningKey RSA_HOST = HostSigningKey.fromPkcs8(hex(AsymmetricVectors.RSA2048_PKCS8));
    private static final HostSigningKey SM2_HOST = HostSigningKey.generateSm2(RANDOM);

    @BeforeAll
    static void generateOnce() {
        rsaDevice = DeviceKeyPair.generate(DeviceKeyAlgorithm.RSA, RANDOM);
        sm2Device = DeviceKeyPair.generate(DeviceKeyAlgorithm.SM2);
    }

    @Test
    void anRsaTerminalActivatesUnderAnSm2Host() {
        activate(rsaDevice, SM2_HOST);
    }

    @Test
    void anSm2TerminalActivatesUnderAnRsaHost() {
        activate(sm2Device, RSA_HOST);
    }

    @Test
    void anSm2TerminalActivatesUnderAnSm2Host() {
        activate(sm2Device, SM2_HOST);
    }

    @Test
    void generatedKeysHaveTheAdvertisedShape() {
        assertThat(rsaDevice.algorithm()).isEqualTo(DeviceKeyAlgorithm.RSA);
        assertThat(rsaDevice.publicKey().bits()).isEqualTo(DeviceKeyPair.RSA_BITS);
        assertThat(sm2Device.algorithm()).isEqualTo(DeviceKeyAlgorithm.SM2);
        assertThat(((ECPublicKeyParameters) sm2Device.publicKey().parameters()).getParameters())
                .isEqualTo(AsymmetricKeys.SM2_DOMAIN);
        assertThat(DeviceKeyPair.generate(DeviceKeyAlgorithm.SM2).publicKey()).isNotEqualTo(sm2Device.publicKey());
    }

    @Test
    void aSavedDeviceKeepsItsIdentity() {
        for (DeviceKeyPair device : new DeviceKeyPair[] {rsaDevice, sm2Device}) {
            DeviceKeyPair restored = DeviceKeyPair.fromPkcs8(device.privateKeyPkcs8());
            byte[] encrypted = KeyTransport.encrypt(device.publicKey(), TMK, RANDOM);

            assertThat(restored.publicKeyDer()).isEqualTo(device.publicKeyDer());
            assertThat(restored.decryptKey(encrypted)).isEqualTo(TMK);
        }
    }

    @Test
    void aKeyForAnotherTerminalDoesNotDecrypt() {
        byte[] forSm2 = KeyTransport.encrypt(sm2Device.publicKey(), TMK, RANDOM);
        byte[] forOtherSm2 = KeyTransport.encrypt(DeviceKeyPair.generate(DeviceKeyAlgorithm.SM2).publicKey(), TMK, RANDOM);

        assertThatThrownBy(() -> rsaDevice.decryptKey(forSm2))
                .isInstanceOf(HsmException.class).hasMessageContaining("does not decrypt");
        assertThatThrownBy(() -> sm2Device.decryptKey(forOtherSm2))
                .isInstanceOf(HsmException.class).hasMessageContaining("encrypted for another device");
    }

    @Test
    void aTransportedValueOfAnotherLengthIsRefused() {
        byte[] eightBytes = KeyTransport.encryptSm2((ECPublicKeyParameters) sm2Device.publicKey().parameters(),
                new byte[8], RANDOM);

        assertThatThrownBy(() -> sm2Device.decryptKey(eightBytes))
                .isInstanceOf(HsmException.class).hasMessage("the transported key decrypts to 8 bytes; expected 16");
    }

    @Test
    void nullsAreRefusedByName() {
        assertThatThrownBy(() -> DeviceKeyPair.generate(null))
                .isInstanceOf(HsmException.class).hasMessage("algorithm is null; expected RSA or SM2");
        assertThatThrownBy(() -> sm2Device.verifyHostSignature(null, new byte[1], new byte[1]))
                .isInstanceOf(HsmException.class).hasMessageStartingWith("hostKey is null");
        assertThatThrownBy(() -> sm2Device.decryptKey(null))
                .isInstanceOf(HsmException.class).hasMessageStartingWith("the transported key is null");
    }

    /** The exchange of PROTOCOL.md §5, both sides, with the tampering a terminal must notice. */
    private static void activate(DeviceKeyPair device, HostSigningKey host) {
        HostPublicKey hostKeyInTerminal = HostPublicKey.fromDer(host.publicKey().der());

        // host: the key arrives in field 62 as DER
        DevicePublicKey received = DevicePublicKey.fromDer(device.publicKeyDer());
        byte[] encrypted = KeyTransport.encrypt(received, TMK, RANDOM);
        byte[] signed = concat("SN0001".getBytes(StandardCharsets.US_ASCII), "12345678".getBytes(StandardCharsets.US_ASCII),
                encrypted, CHECK_VALUE);
        byte[] signature = host.sign(signed, RANDOM);

        // terminal
        assertThat(received).isEqualTo(device.publicKey());
        assertThat(device.verifyHostSignature(hostKeyInTerminal, signed, signature)).isTrue();
        byte[] tmk = device.decryptKey(encrypted);
        assertThat(tmk).isEqualTo(TMK);
        assertThat(TripleDes.checkValue(tmk)).isEqualTo(CHECK_VALUE);

        byte[] otherTid = signed.clone();
        otherTid[8] ^= 0x01;
        assertThat(device.verifyHostSignature(hostKeyInTerminal, otherTid, signature)).as("TID altered").isFalse();
        HostPublicKey impostor = HostSigningKey.generateSm2(RANDOM).publicKey();
        assertThat(device.verifyHostSignature(impostor, signed, signature)).as("another host's key").isFalse();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
