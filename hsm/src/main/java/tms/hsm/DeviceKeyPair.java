package tms.hsm;

import java.security.SecureRandom;
import java.util.Arrays;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * A simulated terminal's own key pair (RSA-2048 or SM2), for the simulator's device mode and tests only.
 *
 * <p>A real terminal makes its key pair inside itself and never shows the private key, and the host never holds
 * a device's private key: this class exists so that the simulator and the tests can play the terminal's part.
 */
public final class DeviceKeyPair {

    /** The RSA size a simulated terminal uses, as the terminals of PROTOCOL.md §5 do. */
    public static final int RSA_BITS = 2048;

    private final AsymmetricKeyParameter privateKey;
    private final DevicePublicKey publicKey;

    private DeviceKeyPair(AsymmetricCipherKeyPair pair) {
        this.privateKey = pair.getPrivate();
        this.publicKey = DevicePublicKey.fromDer(AsymmetricKeys.subjectPublicKeyInfo(pair.getPublic()));
    }

    /** A fresh key pair: RSA-2048 or SM2 on sm2p256v1. */
    public static DeviceKeyPair generate(DeviceKeyAlgorithm algorithm) {
        return generate(algorithm, new SecureRandom());
    }

    /** A fresh key pair from the given randomness. */
    public static DeviceKeyPair generate(DeviceKeyAlgorithm algorithm, SecureRandom random) {
        if (algorithm == null) {
            throw new HsmException("algorithm is null; expected RSA or SM2");
        }
        return new DeviceKeyPair(switch (algorithm) {
            case RSA -> AsymmetricKeys.generateRsa(RSA_BITS, random);
            case SM2 -> AsymmetricKeys.generateSm2(random);
        });
    }

    /** A simulated terminal's key pair saved earlier with {@link #privateKeyPkcs8()}. */
    public static DeviceKeyPair fromPkcs8(byte[] pkcs8) {
        return new DeviceKeyPair(AsymmetricKeys.fromPkcs8(pkcs8, "the device private key"));
    }

    /** The private key as PKCS#8 DER, so that a simulated terminal keeps its identity across runs. */
    public byte[] privateKeyPkcs8() {
        return AsymmetricKeys.pkcs8(privateKey);
    }

    /** RSA or SM2. */
    public DeviceKeyAlgorithm algorithm() {
        return publicKey.algorithm();
    }

    /** The public key, as the host will see it. */
    public DevicePublicKey publicKey() {
        return publicKey;
    }

    /** The public key's SubjectPublicKeyInfo DER, for field 62 of the activation request. */
    public byte[] publicKeyDer() {
        return publicKey.der();
    }

    /**
     * The clear 16-byte key the host encrypted for this terminal (RSA-OAEP-SHA-256, or SM2 C1C3C2); HsmException
     * if it does not decrypt or is not 16 bytes.
     */
    byte[] decryptKey(byte[] transportedKey) {
        byte[] key = KeyTransport.decrypt(privateKey, transportedKey);
        if (key.length != KeyTransport.KEY_BYTES) {
            int length = key.length;
            Arrays.fill(key, (byte) 0);
            throw new HsmException("the transported key decrypts to " + length + " bytes; expected "
                    + KeyTransport.KEY_BYTES);
        }
        return key;
    }

    /** Whether the host signed {@code message} with the private key of {@code hostKey}. */
    public boolean verifyHostSignature(HostPublicKey hostKey, byte[] message, byte[] signature) {
        if (hostKey == null) {
            throw new HsmException("hostKey is null; expected the host public key the terminal holds");
        }
        return hostKey.verify(message, signature);
    }

    @Override
    public String toString() {
        return "DeviceKeyPair[" + publicKey + "]";
    }
}
