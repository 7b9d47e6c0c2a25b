package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The host's side (sign, encrypt a TMK for a device) against the device's side (verify, import), both ways. */
class RemoteKeyInjectionTest {

    @TempDir
    static Path temp;

    private static SecurityModule host;
    private static SecurityModule device;

    @BeforeAll
    static void modules() {
        host = new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(temp.resolve("host.key")));
        device = new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(temp.resolve("device.key")));
    }

    @ParameterizedTest
    @EnumSource(DeviceKeyAlgorithm.class)
    void hostSignsAndSendsATmkThatOnlyTheDeviceCanImport(DeviceKeyAlgorithm algorithm) {
        HostSigningKeyPair hostKey = host.generateHostSigningKey(algorithm);
        DeviceKeyPair terminal = DeviceKeyPair.generate(algorithm);
        WrappedKey tmk = host.generateKey(KeyUsage.TMK, 16);

        byte[] encrypted = host.encryptForDevice(tmk, terminal.publicKey());
        byte[] signed = ("SN-1" + HexFormat.of().formatHex(encrypted)).getBytes(StandardCharsets.US_ASCII);
        byte[] signature = host.signAsHost(hostKey.privateKey(), signed);

        assertThat(hostKey.publicKey().algorithm()).isEqualTo(algorithm);
        assertThat(terminal.verifyHostSignature(hostKey.publicKey(), signed, signature)).isTrue();
        signed[0] ^= 1;
        assertThat(terminal.verifyHostSignature(hostKey.publicKey(), signed, signature)).isFalse();

        WrappedKey received = device.importFromHost(KeyUsage.TMK, encrypted, terminal, tmk.checkValue());
        assertThat(received.checkValueHex()).isEqualTo(tmk.checkValueHex());
        assertThat(received.blob()).isNotEqualTo(tmk.blob()); // wrapped under the device's own LMK

        DeviceKeyPair stranger = DeviceKeyPair.generate(algorithm);
        assertThatThrownBy(() -> device.importFromHost(KeyUsage.TMK, encrypted, stranger, tmk.checkValue()))
                .isInstanceOf(HsmException.class);
        assertThatThrownBy(() -> device.importFromHost(KeyUsage.TMK, encrypted, terminal, new byte[4]))
                .isInstanceOf(HsmException.class).hasMessageContaining("check value");
    }

    @ParameterizedTest
    @EnumSource(DeviceKeyAlgorithm.class)
    void anSm4TmkArrivesAsAnSm4KeyWithItsSm4CheckValueAndIsNotTakenForTripleDes(DeviceKeyAlgorithm algorithm) {
        DeviceKeyPair terminal = DeviceKeyPair.generate(algorithm);
        WrappedKey tmk = host.generateKey(KeyUsage.TMK, KeyAlgorithm.SM4, 16);
        byte[] encrypted = host.encryptForDevice(tmk, terminal.publicKey());

        WrappedKey received = device.importFromHost(KeyUsage.TMK, KeyAlgorithm.SM4, encrypted, terminal, tmk.checkValue());
        assertThat(received.algorithm()).isEqualTo(KeyAlgorithm.SM4);
        assertThat(received.checkValueHex()).isEqualTo(tmk.checkValueHex());
        // the same bytes taken for a TDES key have another check value: refused, not silently mis-typed
        assertThatThrownBy(() -> device.importFromHost(KeyUsage.TMK, encrypted, terminal, tmk.checkValue()))
                .isInstanceOf(HsmException.class).hasMessageContaining("check value");
    }

    @Test
    void theWrappedHostKeySurvivesItsTextFormAndIsBoundToItsLmk() {
        HostSigningKeyPair pair = host.generateHostSigningKey(DeviceKeyAlgorithm.SM2);
        WrappedPrivateKey back = WrappedPrivateKey.decode(pair.privateKey().encoded());
        assertThat(back).isEqualTo(pair.privateKey());
        assertThat(back.toString()).doesNotContain(HexFormat.of().withUpperCase().formatHex(back.blob()).substring(0, 16));
        byte[] data = {1, 2, 3};
        assertThat(pair.publicKey().verify(data, host.signAsHost(back, data))).isTrue();

        assertThatThrownBy(() -> device.signAsHost(back, data)).isInstanceOf(HsmException.class)
                .hasMessageContaining("does not unwrap under this LMK");
        byte[] tampered = back.blob();
        tampered[5] ^= 1;
        assertThatThrownBy(() -> host.signAsHost(new WrappedPrivateKey(DeviceKeyAlgorithm.SM2, tampered), data))
                .isInstanceOf(HsmException.class);
        assertThatThrownBy(() -> host.signAsHost(new WrappedPrivateKey(DeviceKeyAlgorithm.RSA, back.blob()), data))
                .isInstanceOf(HsmException.class).hasMessageContaining("labelled RSA");
        assertThatThrownBy(() -> WrappedPrivateKey.decode("K1.TMK.16.00")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSymmetricBlobIsNeverTakenForAPrivateKeyNorTheReverse() {
        WrappedKey tmk = host.formKeyFromComponents(KeyUsage.TMK, List.of(new byte[16]));
        assertThatThrownBy(() -> host.signAsHost(new WrappedPrivateKey(DeviceKeyAlgorithm.RSA, tmk.blob()), new byte[1]))
                .isInstanceOf(HsmException.class).hasMessageContaining("private key's blob does not unwrap under this LMK");
        // and a private key's blob (binary, AES key wrap) cannot even be put in a symmetric key's handle
        byte[] privateBlob = host.generateHostSigningKey(DeviceKeyAlgorithm.SM2).privateKey().blob();
        assertThatThrownBy(() -> new WrappedKey(KeyUsage.TMK, 16, privateBlob, tmk.checkValue()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not printable ASCII");
    }

    @Test
    void onlyA16ByteTmkIsSentToADevice() {
        DevicePublicKey terminal = DeviceKeyPair.generate(DeviceKeyAlgorithm.SM2).publicKey();
        WrappedKey mak = host.generateKey(KeyUsage.MAK, 8);
        assertThatThrownBy(() -> host.encryptForDevice(mak, terminal)).isInstanceOf(HsmException.class)
                .hasMessageContaining("only a 16-byte TMK");
    }
}
