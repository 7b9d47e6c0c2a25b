package tms.hsm;

import java.util.Arrays;

import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/** The host's public key, which terminals hold to check the host's signatures: a DER SubjectPublicKeyInfo, RSA or SM2. */
public final class HostPublicKey {

    private final PublicKeyDer.Parsed key;

    private HostPublicKey(PublicKeyDer.Parsed key) {
        this.key = key;
    }

    /** The key in the DER SubjectPublicKeyInfo, refused on the same terms as {@link DevicePublicKey#fromDer}. */
    public static HostPublicKey fromDer(byte[] der) {
        return new HostPublicKey(PublicKeyDer.parse(der, "the host public key"));
    }

    static HostPublicKey of(AsymmetricKeyParameter publicKey) {
        return fromDer(AsymmetricKeys.subjectPublicKeyInfo(publicKey));
    }

    /** RSA or SM2. */
    public DeviceKeyAlgorithm algorithm() {
        return key.algorithm();
    }

    /** The RSA modulus size, or 256 for SM2. */
    public int bits() {
        return key.bits();
    }

    /** SHA-256 of the DER, 64 lowercase hex characters. */
    public String fingerprint() {
        return key.fingerprint();
    }

    /** A copy of the DER SubjectPublicKeyInfo, to be given to terminals. */
    public byte[] der() {
        return key.der().clone();
    }

    /**
     * Whether {@code signature} is the host's signature over {@code message}: RSASSA-PSS (SHA-256, MGF1-SHA-256,
     * 32-byte salt) for an RSA key, SM2 with SM3 and the default user ID as DER SEQUENCE {r, s} for an SM2 key.
     * A malformed signature is simply not valid.
     */
    public boolean verify(byte[] message, byte[] signature) {
        return HostSignature.verify(key.key(), message, signature);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HostPublicKey that && Arrays.equals(key.der(), that.key.der());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key.der());
    }

    @Override
    public String toString() {
        return "HostPublicKey[" + algorithm() + "-" + bits() + ", sha256 " + fingerprint() + "]";
    }
}
