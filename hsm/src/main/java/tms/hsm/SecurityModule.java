package tms.hsm;

import java.util.List;

/**
 * Every key operation the project performs.
 *
 * <p>Implementations must be safe for many threads calling one instance. Failures that a caller can cause
 * (wrong usage, wrong length, tampered key, check-value mismatch) are {@link HsmException}s whose message
 * names the input and what was expected. An implementation that lacks an operation (an adapter to a hardware HSM that
 * offers only some) throws {@link OperationNotSupported} naming it; {@link SecurityModuleAdapter} is the base for
 * such adapters.
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

    /**
     * A MAC of the data under a MAK or ZAK by the named algorithm: {@link MacAlgorithm#CUP_ECB} gives the 8 ASCII bytes
     * of field 64 (as {@link #generateMac(WrappedKey, byte[])}), X9.19 and X9.9 the 8 binary bytes.
     */
    byte[] generateMac(MacAlgorithm algorithm, WrappedKey key, byte[] data);

    /**
     * Constant-time check of a received MAC: CUP ECB exactly 8 bytes; X9.19 and X9.9 the leftmost 4 to 8 bytes of the
     * MAC, as they are often sent truncated. Any other length does not verify.
     */
    boolean verifyMac(MacAlgorithm algorithm, WrappedKey key, byte[] data, byte[] receivedMac);

    /**
     * A terminal's PIN block (ISO 9564 format 0, 3DES under its PIK) re-enciphered under a zone PIN key for the payment
     * platform: format 0 under a TDES ZPK, format 4 under an AES ZPK. The clear PIN never leaves the module; a block
     * that does not decrypt to a format-0 block for this PAN is refused.
     */
    byte[] translatePin(WrappedKey pik, byte[] pinBlock, String pan, WrappedKey zpk);

    /**
     * The clear track (hex digits, {@code =} as D) of a track encrypted under the terminal's TDK (PROTOCOL.md §4, 53.3 =
     * 1). The caller must neither store nor log it.
     */
    String decryptTrack(WrappedKey tdk, String encryptedTrack);

    /**
     * A PIN block from a DUKPT device re-enciphered under a zone PIN key (format 0 under TDES, format 4 under AES). A TDES
     * BDK is X9.24-1 (format 0 under the KSN's PIN variant; 10-byte KSN); an AES BDK is X9.24-3 (format 4 under the KSN's
     * PIN encryption key, a working key of the BDK's own length; 12-byte KSN).
     */
    byte[] translateDukptPin(WrappedKey bdk, byte[] ksn, byte[] pinBlock, String pan, WrappedKey zpk);

    /**
     * Constant-time check of a DUKPT device's MAC over the data: a TDES BDK is the X9.19 MAC under the request variant
     * (leftmost 4 to 8 bytes), an AES BDK the AES-CMAC under the MAC generation key (leftmost 8 to 16 bytes).
     */
    boolean verifyDukptMac(WrappedKey bdk, byte[] ksn, byte[] data, byte[] receivedMac);

    /**
     * The host's MAC over a response to a DUKPT device: X9.19 under the response variant (8 bytes) for a TDES BDK,
     * AES-CMAC under the MAC verification key (16 bytes) for an AES BDK.
     */
    byte[] generateDukptMac(WrappedKey bdk, byte[] ksn, byte[] data);

    /** A keyed hash of a PAN for look-ups (HMAC-SHA-256 under a key derived inside the module, 64 lowercase hex chars); the PAN itself is never kept. */
    String panHash(String pan);

    /**
     * A keyed hash of a national ID number (18 characters: 17 digits and a digit or X) for the one-terminal-per-person
     * rule (HMAC-SHA-256 under a key of its own derived inside the module, 64 lowercase hex); the number is never kept.
     */
    String idNumberHash(String idNumber);

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
