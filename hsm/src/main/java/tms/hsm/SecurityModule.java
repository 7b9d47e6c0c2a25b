package tms.hsm;

import java.util.List;

/**
 * Every key operation the project performs.
 *
 * <p>Implementations must be safe for many threads calling one instance. Failures that a caller can cause
 * (wrong usage, wrong length, tampered key, check-value mismatch) are {@link HsmException}s whose message
 * names the input and what was expected.
 */
public interface SecurityModule {

    /** Forms a key by XOR of clear components (warehouse injection); each must be `length` bytes (8 or 16 for TDES). */
    WrappedKey formKeyFromComponents(KeyUsage usage, List<byte[]> clearComponents);

    /** A fresh random key of 8 or 16 bytes for the usage. */
    WrappedKey generateKey(KeyUsage usage, int lengthBytes);

    /** The first 4 bytes of E(key, 8 zero bytes): 3DES for 16-byte keys, single DES for 8-byte keys. */
    byte[] checkValue(WrappedKey key);

    /** The key's value encrypted 3DES-ECB under the KEK (a TMK, K1=K3) — the field-62 form. Only PIK/MAK/TDK under a TMK. */
    byte[] encryptUnderKek(WrappedKey key, WrappedKey kek);

    /** The inverse (a terminal receiving its working keys): decrypt under the TMK, check the check value (HsmException on mismatch), wrap under the LMK. */
    WrappedKey importUnderKek(KeyUsage usage, byte[] encrypted, WrappedKey kek, byte[] expectedCheckValue);

    /** CUP "ECB" MAC of PROTOCOL.md §4 over the MAB; returns the 8 ASCII bytes that go in field 64. DES for an 8-byte MAK, 3DES for 16. */
    byte[] generateMac(WrappedKey mak, byte[] macBlockInput);

    /** Constant-time comparison of the expected and the received field 64. */
    boolean verifyMac(WrappedKey mak, byte[] macBlockInput, byte[] receivedMac);

    /** A keyed hash of a PAN for look-ups (HMAC-SHA-256 under a key derived inside the module, 64 lowercase hex chars); the PAN itself is never kept. */
    String panHash(String pan);

    /** The keyed hash under which an activation code for this serial number is stored (64 lowercase hex). */
    String activationCodeHash(String serialNumber, String code);

    /** Whether a presented code is the one whose hash was stored for this serial number (constant time). */
    boolean activationCodeMatches(String serialNumber, String code, String storedHash);

    /** A new host signing key pair (RSA-3072 with RSA-PSS-SHA-256, or SM2 with SM3); the private key wrapped. */
    HostSigningKeyPair generateHostSigningKey(DeviceKeyAlgorithm algorithm);

    /** The host's signature over {@code data} with a key from {@link #generateHostSigningKey}. */
    byte[] signAsHost(WrappedPrivateKey key, byte[] data);

    /**
     * A TMK encrypted for one device under its public key (RSA-OAEP-SHA-256, or SM2 C1C3C2) — remote key
     * injection at activation and re-key.
     */
    byte[] encryptForDevice(WrappedKey tmk, DevicePublicKey device);

    /**
     * The device's side of {@link #encryptForDevice}: decrypts with the device's private key, checks the
     * check value the host sent, and wraps the key under this module's LMK.
     */
    WrappedKey importFromHost(KeyUsage usage, byte[] encrypted, DeviceKeyPair device, byte[] expectedCheckValue);
}
