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

    /** Forms a TDES key by XOR of clear components (warehouse injection); all of 8 or all of 16 bytes. */
    WrappedKey formKeyFromComponents(KeyUsage usage, List<byte[]> clearComponents);

    /**
     * Forms a key of the algorithm by XOR of clear components, all of one length the algorithm allows (TDES 8, 16 or
     * 24 bytes; AES 16, 24 or 32; SM4 16) — e.g. the AES transport key of {@link #exportKeyBlock}.
     */
    WrappedKey formKeyFromComponents(KeyUsage usage, KeyAlgorithm algorithm, List<byte[]> clearComponents);

    /** A fresh random TDES key of 8 or 16 bytes for the usage. */
    WrappedKey generateKey(KeyUsage usage, int lengthBytes);

    /** A fresh random key of the algorithm and a length it allows (TDES keys with odd parity); e.g. an SM4 TMK for 006. */
    WrappedKey generateKey(KeyUsage usage, KeyAlgorithm algorithm, int lengthBytes);

    /**
     * The key's 4-byte check value: TDES the first 4 bytes of E(key, 8 zero bytes) (3DES for 16/24-byte keys, DES for
     * 8); SM4 the first 4 bytes of SM4(key, 16 zero bytes); AES the first 4 bytes of AES-CMAC(key, 16 zero bytes).
     */
    byte[] checkValue(WrappedKey key);

    /**
     * The key's value encrypted ECB under the KEK — the field-62 form. Only PIK/MAK/TDK under a TMK of their own
     * algorithm: 3DES (K1=K3) under a TDES TMK, SM4 under an SM4 TMK (006).
     */
    byte[] encryptUnderKek(WrappedKey key, WrappedKey kek);

    /**
     * The inverse (a terminal receiving its working keys): decrypt under the TMK (3DES or SM4, by the TMK's algorithm;
     * the key is of that algorithm), check the check value (HsmException on mismatch), wrap under the LMK.
     */
    WrappedKey importUnderKek(KeyUsage usage, byte[] encrypted, WrappedKey kek, byte[] expectedCheckValue);

    /**
     * CUP "ECB" MAC of PROTOCOL.md §4 over the MAB; returns the 8 ASCII bytes that go in field 64. DES for an 8-byte
     * MAK, 3DES for 16, SM4 on 16-byte blocks for an SM4 MAK (006).
     */
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
     * A TMK as a TR-31 version D key block under a transport key (a {@link KeyUsage#KEK} of AES, usually formed from
     * components), for the key-loading device at the warehouse (PROTOCOL.md §5). The header carries the key's check
     * value (KC) and the transport key's (KP); an SM4 TMK is marked with the proprietary algorithm code and the
     * project's binding block, which only a device configured for them reads.
     */
    String exportKeyBlock(WrappedKey key, WrappedKey transportKey);

    /**
     * The device's side of {@link #encryptForDevice}: decrypts with the device's private key, checks the
     * check value the host sent, and wraps the key under this module's LMK.
     */
    WrappedKey importFromHost(KeyUsage usage, byte[] encrypted, DeviceKeyPair device, byte[] expectedCheckValue);

    /** {@link #importFromHost(KeyUsage, byte[], DeviceKeyPair, byte[])} for a key of the given algorithm (an SM4 TMK for the 006 profile). */
    WrappedKey importFromHost(KeyUsage usage, KeyAlgorithm algorithm, byte[] encrypted, DeviceKeyPair device,
                              byte[] expectedCheckValue);
}
