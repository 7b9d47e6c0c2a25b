package tms.hsm;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The software implementation on Bouncy Castle.
 *
 * <p>Clear keys exist only inside its methods (and, for MAKs and PIN keys, in bounded caches of verified keys) and are
 * zeroed once an operation is done with them, so that a later heap dump, core file or swapped page is less
 * likely to hold them. Generated DES keys get odd parity; keys formed from components are kept exactly as the
 * components XOR to, because terminals and the CUP test keys (16 x 22) use keys without parity and the check
 * value must match theirs. Every public operation logs at DEBUG its name, the usages and check values involved
 * and the result; never key bytes, blobs, MAB content or PANs.
 */
public final class SoftwareSecurityModule implements SecurityModule {

    private static final Logger log = LoggerFactory.getLogger(SoftwareSecurityModule.class);

    /** The MAK cache size used by {@link #SoftwareSecurityModule(Lmk)}: one entry per signed-in terminal. */
    public static final int DEFAULT_MAC_KEY_CACHE = 10_000;

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final KeyWrap keyWrap;
    private final PanHash panHash;
    private final ActivationCodeHash activationCodes;
    private final IdNumberHash idNumbers;
    private final ClearKeyCache macKeys;
    // PIKs and zone PIN keys, for the same reason as MAKs: a PIN translation per purchase with a PIN would otherwise
    // open two key blocks (KDF, CMAC, decryption) each time, several times the cost of the translation itself
    private final ClearKeyCache pinKeys;
    private final SecureRandom random = new SecureRandom();

    /**
     * A module whose keys are wrapped under the LMK and whose keyed hashes (PAN, activation code) are derived from
     * the LMK itself: for tests and the simulator. An installation uses {@link #SoftwareSecurityModule(Lmk, WrappedKey)},
     * because hashes derived from the LMK would all change when the LMK is rotated.
     */
    public SoftwareSecurityModule(Lmk lmk) {
        this(lmk, DEFAULT_MAC_KEY_CACHE);
    }

    /** An installation's module: keys wrapped under the LMK, keyed hashes derived from its {@link HashingKey}. */
    public SoftwareSecurityModule(Lmk lmk, WrappedKey hashingKey) {
        this(lmk, requireHashingKey(hashingKey), DEFAULT_MAC_KEY_CACHE);
    }

    /** A module keeping at most {@code macKeyCacheCapacity} unwrapped MAKs; keyed hashes derived from the LMK. */
    public SoftwareSecurityModule(Lmk lmk, int macKeyCacheCapacity) {
        this(lmk, null, macKeyCacheCapacity);
    }

    // hashingKey null: the keyed hashes derive from the LMK (the constructors documented so)
    private SoftwareSecurityModule(Lmk lmk, WrappedKey hashingKey, int macKeyCacheCapacity) {
        if (lmk == null) {
            throw new HsmException("lmk is null; expected the LMK that wraps this module's keys");
        }
        if (macKeyCacheCapacity < 1) {
            throw new HsmException("macKeyCacheCapacity is " + macKeyCacheCapacity + "; expected at least 1");
        }
        this.keyWrap = new KeyWrap(lmk);
        byte[] hashSecret = hashingKey == null ? lmk.keyMaterial() : HashingKey.unwrap(keyWrap, hashingKey);
        try {
            this.panHash = new PanHash(hashSecret);
            this.activationCodes = new ActivationCodeHash(hashSecret);
            this.idNumbers = new IdNumberHash(hashSecret);
        } finally {
            if (hashingKey != null) {
                Arrays.fill(hashSecret, (byte) 0);
            }
        }
        this.macKeys = new ClearKeyCache(macKeyCacheCapacity);
        this.pinKeys = new ClearKeyCache(macKeyCacheCapacity);
        log.info("Software security module ready under LMK {}{}", lmk.checkValueHex(),
                lmk.development() ? " (DEVELOPMENT LMK)" : "");
    }

    private static WrappedKey requireHashingKey(WrappedKey hashingKey) {
        if (hashingKey == null) {
            throw new HsmException("hashingKey is null; expected the installation's hashing key (HashingKey.generate)");
        }
        return hashingKey;
    }

    @Override
    public WrappedKey formKeyFromComponents(KeyUsage usage, List<byte[]> clearComponents) {
        return formKeyFromComponents(usage, KeyAlgorithm.TDES, clearComponents);
    }

    @Override
    public WrappedKey formKeyFromComponents(KeyUsage usage, KeyAlgorithm algorithm, List<byte[]> clearComponents) {
        String op = "formKeyFromComponents";
        return refusing(op, () -> usage + " " + algorithm, () -> {
            requireUsage(usage);
            requireAlgorithm(algorithm);
            if (clearComponents == null || clearComponents.isEmpty()) {
                throw new HsmException("clearComponents is " + (clearComponents == null ? "null" : "empty")
                        + "; expected at least one " + algorithm + " component of " + algorithm.lengthsText());
            }
            int length = componentLength(algorithm, clearComponents);
            byte[] clear = new byte[length];
            try {
                for (byte[] component : clearComponents) {
                    for (int i = 0; i < length; i++) {
                        clear[i] ^= component[i];
                    }
                }
                WrappedKey key = wrapNew(usage, algorithm, clear);
                if (log.isDebugEnabled()) {
                    log.debug("{}: {} {} key of {} bytes, components: {}, cv {} -> ok", op, usage, algorithm, length,
                            clearComponents.size(), key.checkValueHex());
                }
                return key;
            } finally {
                Arrays.fill(clear, (byte) 0);
            }
        });
    }

    private static int componentLength(KeyAlgorithm algorithm, List<byte[]> components) {
        int length = -1;
        for (int n = 0; n < components.size(); n++) {
            byte[] component = components.get(n);
            if (component == null) {
                throw new HsmException("component " + (n + 1) + " is null; expected " + (length < 0 ? algorithm.lengthsText()
                        : length + " bytes"));
            }
            if (length < 0) {
                if (!algorithm.allowsLength(component.length)) {
                    throw new HsmException("component 1 has " + component.length + " bytes; expected " + algorithm.lengthsText()
                            + " for " + algorithm);
                }
                length = component.length;
            } else if (component.length != length) {
                throw new HsmException("component " + (n + 1) + " has " + component.length + " bytes; expected "
                        + length + " bytes, the length of component 1");
            }
        }
        return length;
    }

    @Override
    public WrappedKey generateKey(KeyUsage usage, int lengthBytes) {
        if (lengthBytes != 8 && lengthBytes != 16) {
            // the classic profile's lengths only; 24-byte TDES keys come through the overload with an algorithm
            String op = "generateKey";
            HsmException e = new HsmException("lengthBytes is " + lengthBytes
                    + "; expected 8 (single DES) or 16 (double-length 3DES)");
            refused(op, String.valueOf(usage), e);
            throw e;
        }
        return generateKey(usage, KeyAlgorithm.TDES, lengthBytes);
    }

    @Override
    public WrappedKey generateKey(KeyUsage usage, KeyAlgorithm algorithm, int lengthBytes) {
        String op = "generateKey";
        return refusing(op, () -> usage + " " + algorithm, () -> {
            requireUsage(usage);
            requireAlgorithm(algorithm);
            if (!algorithm.allowsLength(lengthBytes)) {
                throw new HsmException("lengthBytes is " + lengthBytes + " for " + algorithm + "; expected "
                        + algorithm.lengthsText());
            }
            byte[] clear;
            if (algorithm == KeyAlgorithm.TDES) {
                clear = RandomDesKey.generate(random, lengthBytes);
            } else {
                // AES and SM4 have no parity and no weak keys to avoid
                clear = new byte[lengthBytes];
                random.nextBytes(clear);
            }
            try {
                WrappedKey key = wrapNew(usage, algorithm, clear);
                if (log.isDebugEnabled()) {
                    log.debug("{}: {} {} key of {} bytes, cv {} -> ok", op, usage, algorithm, lengthBytes, key.checkValueHex());
                }
                return key;
            } finally {
                Arrays.fill(clear, (byte) 0);
            }
        });
    }

    @Override
    public byte[] checkValue(WrappedKey key) {
        String op = "checkValue";
        return refusing(op, () -> describe(key), () -> {
            requireKey(key, "key");
            byte[] checkValue = withClearKey(key, clear -> CheckValues.of(key.algorithm(), clear));
            if (log.isDebugEnabled()) {
                log.debug("{}: {} {} cv {} -> ok", op, key.usage(), key.algorithm(), key.checkValueHex());
            }
            return checkValue;
        });
    }

    @Override
    public byte[] encryptUnderKek(WrappedKey key, WrappedKey kek) {
        String op = "encryptUnderKek";
        return refusing(op, () -> describe(key) + " under " + describe(kek), () -> {
            requireKey(key, "key");
            requireKey(kek, "kek");
            requireKek(kek);
            requireWorkingKey(key.usage(), "key");
            if (key.algorithm() != kek.algorithm()) {
                throw new HsmException("key is a " + key.algorithm() + " " + key.usage() + " (cv " + key.checkValueHex()
                        + ") but the TMK is " + kek.algorithm() + "; working keys travel under a TMK of their own algorithm"
                        + " (TDES for 001/003/004, SM4 for 006)");
            }
            byte[] encrypted = withClearKey(kek, clearKek -> withClearKey(key,
                    clearKey -> kekEcb(kek.algorithm(), clearKek, true, clearKey)));
            if (log.isDebugEnabled()) {
                log.debug("{}: {} {} cv {} under TMK cv {} -> ok", op, key.algorithm(), key.usage(), key.checkValueHex(),
                        kek.checkValueHex());
            }
            return encrypted;
        });
    }

    @Override
    public WrappedKey importUnderKek(KeyUsage usage, byte[] encrypted, WrappedKey kek, byte[] expectedCheckValue) {
        String op = "importUnderKek";
        return refusing(op, () -> usage + " under " + describe(kek), () -> {
            requireUsage(usage);
            requireWorkingKey(usage, "usage");
            requireKey(kek, "kek");
            requireKek(kek);
            KeyAlgorithm algorithm = kek.algorithm();
            // the working key is of its TMK's algorithm: TDES keys of 8 or 16 bytes, SM4 keys of 16
            boolean lengthFits = encrypted != null && (algorithm == KeyAlgorithm.SM4 ? encrypted.length == 16
                    : encrypted.length == 8 || encrypted.length == 16);
            if (!lengthFits) {
                throw new HsmException("encrypted has " + (encrypted == null ? "no" : encrypted.length)
                        + " bytes; expected an encrypted " + algorithm + " key of "
                        + (algorithm == KeyAlgorithm.SM4 ? "16 bytes" : "8 or 16 bytes"));
            }
            if (expectedCheckValue == null || expectedCheckValue.length != WrappedKey.CHECK_VALUE_BYTES) {
                throw new HsmException("expectedCheckValue has " + (expectedCheckValue == null ? "no" : expectedCheckValue.length)
                        + " bytes; expected " + WrappedKey.CHECK_VALUE_BYTES);
            }
            byte[] clear = withClearKey(kek, clearKek -> kekEcb(algorithm, clearKek, false, encrypted));
            try {
                byte[] checkValue = CheckValues.of(algorithm, clear);
                if (!org.bouncycastle.util.Arrays.constantTimeAreEqual(checkValue, expectedCheckValue)) {
                    throw new HsmException("the " + usage + " key decrypted under TMK cv " + kek.checkValueHex()
                            + " has check value " + HEX.formatHex(checkValue) + ", not the expected "
                            + HEX.formatHex(expectedCheckValue) + ": wrong TMK or corrupted field");
                }
                WrappedKey key = keyWrap.wrap(usage, algorithm, clear, checkValue);
                if (log.isDebugEnabled()) {
                    log.debug("{}: {} {} cv {} under TMK cv {} -> ok", op, algorithm, usage, key.checkValueHex(),
                            kek.checkValueHex());
                }
                return key;
            } finally {
                Arrays.fill(clear, (byte) 0);
            }
        });
    }

    @Override
    public byte[] generateMac(WrappedKey mak, byte[] macBlockInput) {
        return generateMac(MacAlgorithm.CUP_ECB, mak, macBlockInput);
    }

    @Override
    public boolean verifyMac(WrappedKey mak, byte[] macBlockInput, byte[] receivedMac) {
        return verifyMac(MacAlgorithm.CUP_ECB, mak, macBlockInput, receivedMac);
    }

    @Override
    public byte[] generateMac(MacAlgorithm algorithm, WrappedKey key, byte[] data) {
        String op = "generateMac";
        return refusing(op, () -> algorithm + " under " + describe(key), () -> {
            byte[] clear = macKey(algorithm, key);
            requireMab(data);
            byte[] mac = mac(algorithm, key.algorithm(), clear, data);
            if (log.isDebugEnabled()) {
                log.debug("{}: {} under {} {} cv {} over {} bytes -> ok", op, algorithm, key.algorithm(), key.usage(),
                        key.checkValueHex(), data.length);
            }
            return mac;
        });
    }

    @Override
    public boolean verifyMac(MacAlgorithm algorithm, WrappedKey key, byte[] data, byte[] receivedMac) {
        String op = "verifyMac";
        return refusing(op, () -> algorithm + " under " + describe(key), () -> {
            byte[] clear = macKey(algorithm, key);
            requireMab(data);
            // CUP ECB travels whole in field 64; X9.19 and X9.9 MACs are often sent as their leftmost 4 bytes
            int min = algorithm == MacAlgorithm.CUP_ECB ? CupEcbMac.MAC_BYTES : 4;
            if (receivedMac == null || receivedMac.length < min || receivedMac.length > CupEcbMac.MAC_BYTES) {
                if (log.isDebugEnabled()) {
                    log.debug("{}: {} under {} {} cv {} over {} bytes -> refused: received MAC has {} bytes, expected {}",
                            op, algorithm, key.algorithm(), key.usage(), key.checkValueHex(), data.length,
                            receivedMac == null ? "no" : receivedMac.length,
                            min == CupEcbMac.MAC_BYTES ? String.valueOf(min) : min + " to " + CupEcbMac.MAC_BYTES);
                }
                return false;
            }
            byte[] expected = mac(algorithm, key.algorithm(), clear, data);
            boolean match = org.bouncycastle.util.Arrays.constantTimeAreEqual(
                    Arrays.copyOf(expected, receivedMac.length), receivedMac);
            if (log.isDebugEnabled()) {
                log.debug("{}: {} under {} {} cv {} over {} bytes -> {}", op, algorithm, key.algorithm(), key.usage(),
                        key.checkValueHex(), data.length, match ? "ok: MAC matches" : "refused: MAC does not match");
            }
            return match;
        });
    }

    @Override
    public byte[] translatePin(WrappedKey pik, byte[] pinBlock, String pan, WrappedKey zpk) {
        String op = "translatePin";
        return refusing(op, () -> describe(pik) + " to " + describe(zpk), () -> {
            requireKey(pik, "pik");
            if (pik.usage() != KeyUsage.PIK || pik.algorithm() != KeyAlgorithm.TDES) {
                throw new HsmException("pik is a " + pik.algorithm() + " " + pik.usage() + " key (cv " + pik.checkValueHex()
                        + "); a terminal's format-0 PIN block is translated from a TDES PIK");
            }
            requireZonePinKey(zpk);
            byte[] translated = PinTranslation.translate(cached(pinKeys, pik), pinBlock, pan, zpk.algorithm(),
                    cached(pinKeys, zpk), random);
            if (log.isDebugEnabled()) {
                log.debug("{}: format 0 under PIK cv {} -> format {} under {} ZPK cv {} -> ok", op,
                        pik.checkValueHex(), zonePinFormat(zpk), zpk.algorithm(), zpk.checkValueHex());
            }
            return translated;
        });
    }

    @Override
    public String decryptTrack(WrappedKey tdk, String encryptedTrack) {
        String op = "decryptTrack";
        return refusing(op, () -> describe(tdk), () -> {
            requireKey(tdk, "tdk");
            if (tdk.usage() != KeyUsage.TDK || tdk.algorithm() != KeyAlgorithm.TDES || tdk.length() == 8) {
                throw new HsmException("tdk is a " + tdk.length() + "-byte " + tdk.algorithm() + " " + tdk.usage()
                        + " key (cv " + tdk.checkValueHex() + "); tracks are decrypted under a 16- or 24-byte TDES TDK");
            }
            String track = withClearKey(tdk, clear -> {
                try {
                    return TrackDecryption.decrypt(clear, encryptedTrack);
                } catch (IllegalArgumentException e) {
                    throw new HsmException("encryptedTrack is not a track: " + e.getMessage(), e);
                }
            });
            if (log.isDebugEnabled()) {
                log.debug("{}: {} digits under TDK cv {} -> ok", op, track.length(), tdk.checkValueHex());
            }
            return track;
        });
    }

    @Override
    public byte[] translateDukptPin(WrappedKey bdk, byte[] ksn, byte[] pinBlock, String pan, WrappedKey zpk) {
        String op = "translateDukptPin";
        return refusing(op, () -> describe(bdk) + " to " + describe(zpk), () -> {
            requireBdk(bdk);
            requireZonePinKey(zpk);
            byte[] translated = withClearKey(bdk, clearBdk -> {
                byte[] pin = DukptPin.decipher(bdk.algorithm(), clearBdk, ksn, pinBlock, pan);
                try {
                    return PinTranslation.encipherForZone(pin, pan, zpk.algorithm(), cached(pinKeys, zpk), random);
                } finally {
                    Arrays.fill(pin, (byte) 0);
                }
            });
            if (log.isDebugEnabled()) {
                log.debug("{}: {} DUKPT BDK cv {} KSN {} -> format {} under {} ZPK cv {} -> ok", op, bdk.algorithm(),
                        bdk.checkValueHex(), HEX.formatHex(ksn), zonePinFormat(zpk), zpk.algorithm(), zpk.checkValueHex());
            }
            return translated;
        });
    }

    @Override
    public boolean verifyDukptMac(WrappedKey bdk, byte[] ksn, byte[] data, byte[] receivedMac) {
        String op = "verifyDukptMac";
        return refusing(op, () -> describe(bdk), () -> {
            requireBdk(bdk);
            requireMab(data);
            boolean match = withClearKey(bdk, clearBdk -> DukptMac.verifyRequest(bdk.algorithm(), clearBdk, ksn, data,
                    receivedMac));
            if (log.isDebugEnabled()) {
                log.debug("{}: {} DUKPT BDK cv {} KSN {} over {} bytes -> {}", op, bdk.algorithm(), bdk.checkValueHex(),
                        HEX.formatHex(ksn), data.length, match ? "ok: MAC matches" : "refused: MAC does not match");
            }
            return match;
        });
    }

    @Override
    public byte[] generateDukptMac(WrappedKey bdk, byte[] ksn, byte[] data) {
        String op = "generateDukptMac";
        return refusing(op, () -> describe(bdk), () -> {
            requireBdk(bdk);
            requireMab(data);
            byte[] mac = withClearKey(bdk, clearBdk -> DukptMac.response(bdk.algorithm(), clearBdk, ksn, data));
            if (log.isDebugEnabled()) {
                log.debug("{}: {} DUKPT BDK cv {} KSN {} over {} bytes -> ok", op, bdk.algorithm(), bdk.checkValueHex(),
                        HEX.formatHex(ksn), data.length);
            }
            return mac;
        });
    }

    @Override
    public String panHash(String pan) {
        String op = "panHash";
        return refusing(op, () -> "pan", () -> {
            String hash = panHash.of(pan);
            if (log.isDebugEnabled()) {
                log.debug("{}: -> ok", op);
            }
            return hash;
        });
    }

    @Override
    public String idNumberHash(String idNumber) {
        String op = "idNumberHash";
        return refusing(op, () -> "id number", () -> {
            String hash = idNumbers.of(idNumber);
            if (log.isDebugEnabled()) {
                log.debug("{}: -> ok", op);
            }
            return hash;
        });
    }

    @Override
    public String activationCodeHash(String serialNumber, String code) {
        String op = "activationCodeHash";
        return refusing(op, () -> "serial " + serialNumber, () -> {
            String hash = activationCodes.hex(serialNumber, code);
            if (log.isDebugEnabled()) {
                log.debug("{}: serial {} -> ok", op, serialNumber);
            }
            return hash;
        });
    }

    @Override
    public boolean activationCodeMatches(String serialNumber, String code, String storedHash) {
        String op = "activationCodeMatches";
        return refusing(op, () -> "serial " + serialNumber, () -> {
            boolean match = activationCodes.matches(serialNumber, code, storedHash);
            if (log.isDebugEnabled()) {
                log.debug("{}: serial {} -> {}", op, serialNumber, match ? "ok: matches" : "refused: does not match");
            }
            return match;
        });
    }

    @Override
    public HostSigningKeyPair generateHostSigningKey(DeviceKeyAlgorithm algorithm) {
        String op = "generateHostSigningKey";
        if (algorithm == null) {
            throw new HsmException("algorithm is null; expected RSA or SM2");
        }
        HostSigningKey key = algorithm == DeviceKeyAlgorithm.RSA ? HostSigningKey.generateRsa(3072, random)
                : HostSigningKey.generateSm2(random);
        byte[] pkcs8 = key.pkcs8();
        try {
            WrappedPrivateKey wrapped = new WrappedPrivateKey(algorithm, keyWrap.wrapPrivate(pkcs8));
            log.info("{}: {} -> ok, public key sha256 {}", op, algorithm, key.publicKey().fingerprint());
            return new HostSigningKeyPair(wrapped, key.publicKey());
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    @Override
    public byte[] signAsHost(WrappedPrivateKey key, byte[] data) {
        String op = "signAsHost";
        if (key == null || data == null) {
            throw new HsmException("signAsHost needs a host key and the data to sign");
        }
        byte[] pkcs8 = keyWrap.unwrapPrivate(key.blob());
        try {
            HostSigningKey signer = HostSigningKey.fromPkcs8(pkcs8);
            if (signer.algorithm() != key.algorithm()) {
                throw new HsmException("the wrapped key is labelled " + key.algorithm() + " but holds a "
                        + signer.algorithm() + " key");
            }
            byte[] signature = signer.sign(data, random);
            if (log.isDebugEnabled()) {
                log.debug("{}: {} key sha256 {} over {} bytes -> ok", op, key.algorithm(),
                        signer.publicKey().fingerprint(), data.length);
            }
            return signature;
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    @Override
    public byte[] encryptForDevice(WrappedKey tmk, DevicePublicKey device) {
        String op = "encryptForDevice";
        return refusing(op, () -> describe(tmk), () -> {
            requireKey(tmk, "tmk");
            if (tmk.usage() != KeyUsage.TMK || tmk.length() != 16) {
                throw new HsmException("only a 16-byte TMK is sent to a device; this is a " + tmk.length() + "-byte "
                        + tmk.usage());
            }
            if (device == null) {
                throw new HsmException("device is null; expected the device public key received at activation");
            }
            byte[] encrypted = withClearKey(tmk, clear -> KeyTransport.encrypt(device, clear, random));
            if (log.isDebugEnabled()) {
                log.debug("{}: TMK cv {} for {} -> ok", op, tmk.checkValueHex(), device);
            }
            return encrypted;
        });
    }

    @Override
    public String exportKeyBlock(WrappedKey key, WrappedKey transportKey) {
        String op = "exportKeyBlock";
        return refusing(op, () -> describe(key) + " under " + describe(transportKey), () -> {
            requireKey(key, "key");
            requireKey(transportKey, "transportKey");
            if (key.usage() != KeyUsage.TMK) {
                throw new HsmException("key is a " + key.usage() + " key (cv " + key.checkValueHex()
                        + "); only a TMK is exported for a key-loading device");
            }
            if (transportKey.usage() != KeyUsage.KEK || transportKey.algorithm() != KeyAlgorithm.AES) {
                throw new HsmException("transportKey is a " + transportKey.algorithm() + " " + transportKey.usage()
                        + " key (cv " + transportKey.checkValueHex() + "); expected an AES KEK, the key block protection"
                        + " key shared with the key-loading device");
            }
            String block = withClearKey(transportKey, clearTransport -> withClearKey(key,
                    clear -> Tr31KeyBlock.wrap(clearTransport, exportHeader(key, transportKey), clear, random)));
            if (log.isDebugEnabled()) {
                log.debug("{}: {} TMK cv {} under KEK cv {} -> ok, {} characters", op, key.algorithm(),
                        key.checkValueHex(), transportKey.checkValueHex(), block.length());
            }
            return block;
        });
    }

    // For the device: the TR-31 fields of a TMK, exportable (E) since the device passes it on to the terminal; KC and
    // KP so that the technician can compare both check values with the console's; for SM4 the binding block, as the
    // proprietary algorithm code alone does not name the cipher.
    private static Tr31Header exportHeader(WrappedKey key, WrappedKey transportKey) {
        Tr31Header fixed = Tr31Usage.TMK.header(key.algorithm(), key.length(), 'E');
        List<Tr31Header.OptionalBlock> blocks = new java.util.ArrayList<>(3);
        if (key.algorithm() == KeyAlgorithm.SM4) {
            blocks.add(new Tr31Header.OptionalBlock(AtRestKeyBlock.BINDING_ID,
                    key.usage().name() + '.' + key.algorithm().name() + '.' + key.length()));
        }
        blocks.add(AtRestKeyBlock.checkValueBlock(key.algorithm(), key.checkValueView()));
        blocks.add(new Tr31Header.OptionalBlock(AtRestKeyBlock.KBPK_CHECK_VALUE_ID, "01" + transportKey.checkValueHex()));
        return new Tr31Header(fixed.version(), fixed.keyUsage(), fixed.algorithm(), fixed.modeOfUse(), fixed.keyVersion(),
                fixed.exportability(), blocks);
    }

    @Override
    public WrappedKey importFromHost(KeyUsage usage, byte[] encrypted, DeviceKeyPair device, byte[] expectedCheckValue) {
        return importFromHost(usage, KeyAlgorithm.TDES, encrypted, device, expectedCheckValue);
    }

    @Override
    public WrappedKey importFromHost(KeyUsage usage, KeyAlgorithm algorithm, byte[] encrypted, DeviceKeyPair device,
                                     byte[] expectedCheckValue) {
        String op = "importFromHost";
        return refusing(op, () -> String.valueOf(usage), () -> {
            requireUsage(usage);
            if (device == null || encrypted == null || algorithm == null) {
                throw new HsmException("importFromHost needs the key algorithm, the device key pair and the encrypted key");
            }
            byte[] clear = device.decryptKey(encrypted);
            try {
                if (!algorithm.allowsLength(clear.length)) {
                    throw new HsmException("the key from the host has " + clear.length + " bytes; a " + algorithm
                            + " key has " + algorithm.lengthsText());
                }
                byte[] cv = CheckValues.of(algorithm, clear);
                if (expectedCheckValue == null || !org.bouncycastle.util.Arrays.constantTimeAreEqual(cv, expectedCheckValue)) {
                    throw new HsmException("the key from the host does not have the check value the host sent: it"
                            + " was damaged or meant for another device");
                }
                WrappedKey key = wrapNew(usage, algorithm, clear);
                if (log.isDebugEnabled()) {
                    log.debug("{}: {} {} cv {} -> ok", op, usage, algorithm, key.checkValueHex());
                }
                return key;
            } finally {
                Arrays.fill(clear, (byte) 0);
            }
        });
    }

    /** How many unwrapped MAKs the module currently keeps; for monitoring and tests. */
    public int cachedMacKeys() {
        return macKeys.size();
    }

    // The cached array is shared by concurrent MAC operations, so callers must neither change nor zero it.
    private byte[] macKey(MacAlgorithm algorithm, WrappedKey key) {
        if (algorithm == null) {
            throw new HsmException("algorithm is null; expected one of " + Arrays.toString(MacAlgorithm.values()));
        }
        requireKey(key, "mak");
        if (key.usage() != KeyUsage.MAK && key.usage() != KeyUsage.ZAK) {
            throw new HsmException("the key is a " + key.usage() + " key (cv " + key.checkValueHex()
                    + "); MACs need a MAK (terminal) or a ZAK (zone)");
        }
        boolean fits = switch (algorithm) {
            case CUP_ECB -> key.algorithm() != KeyAlgorithm.AES;
            case X9_19 -> key.algorithm() == KeyAlgorithm.TDES && key.length() == RetailMac.KEY_BYTES;
            case X9_9 -> key.algorithm() == KeyAlgorithm.TDES && key.length() == X99Mac.KEY_BYTES;
        };
        if (!fits) {
            throw new HsmException("the " + key.usage() + " (cv " + key.checkValueHex() + ") is a " + key.length() + "-byte "
                    + key.algorithm() + " key; " + algorithm + " needs " + switch (algorithm) {
                        case CUP_ECB -> "a DES, 3DES or SM4 key";
                        case X9_19 -> "a 16-byte TDES key";
                        case X9_9 -> "an 8-byte DES key";
                    });
        }
        return cached(macKeys, key);
    }

    // The cached array is shared by concurrent operations, so callers must neither change nor zero it.
    private byte[] cached(ClearKeyCache cache, WrappedKey key) {
        byte[] clear = cache.get(key);
        if (clear == null) {
            clear = unwrapVerified(key);
            cache.put(key, clear);
        }
        return clear;
    }

    private static byte[] mac(MacAlgorithm algorithm, KeyAlgorithm keyAlgorithm, byte[] clearKey, byte[] data) {
        return switch (algorithm) {
            case CUP_ECB -> keyAlgorithm == KeyAlgorithm.SM4 ? Sm4CupEcbMac.compute(clearKey, data)
                    : CupEcbMac.compute(clearKey, data);
            case X9_19 -> RetailMac.compute(clearKey, data);
            case X9_9 -> X99Mac.compute(clearKey, data);
        };
    }

    private static void requireZonePinKey(WrappedKey zpk) {
        requireKey(zpk, "zpk");
        if (zpk.usage() != KeyUsage.ZPK || (zpk.algorithm() != KeyAlgorithm.TDES && zpk.algorithm() != KeyAlgorithm.AES)
                || (zpk.algorithm() == KeyAlgorithm.TDES && zpk.length() == 8)) {
            throw new HsmException("zpk is a " + zpk.length() + "-byte " + zpk.algorithm() + " " + zpk.usage() + " key (cv "
                    + zpk.checkValueHex() + "); PINs go to the platform under a double- or triple-length TDES ZPK"
                    + " (format 0) or an AES ZPK (format 4)");
        }
    }

    private static int zonePinFormat(WrappedKey zpk) {
        return zpk.algorithm() == KeyAlgorithm.AES ? 4 : 0;
    }

    private static void requireBdk(WrappedKey bdk) {
        requireKey(bdk, "bdk");
        boolean fits = bdk.usage() == KeyUsage.BDK && (bdk.algorithm() == KeyAlgorithm.AES
                || (bdk.algorithm() == KeyAlgorithm.TDES && bdk.length() == TdesDukpt.KEY_BYTES));
        if (!fits) {
            throw new HsmException("bdk is a " + bdk.length() + "-byte " + bdk.algorithm() + " " + bdk.usage() + " key (cv "
                    + bdk.checkValueHex() + "); DUKPT needs a BDK: 16-byte TDES (X9.24-1) or AES (X9.24-3)");
        }
    }

    private WrappedKey wrapNew(KeyUsage usage, KeyAlgorithm algorithm, byte[] clear) {
        return keyWrap.wrap(usage, algorithm, clear, CheckValues.of(algorithm, clear));
    }

    // Besides the key block's own binding of usage, algorithm, length and check value, the check value must be that
    // of the key inside, so that a block made with a wrong check value (and would mislead operators) is refused too.
    private byte[] unwrapVerified(WrappedKey key) {
        byte[] clear = keyWrap.unwrap(key);
        byte[] checkValue = CheckValues.of(key.algorithm(), clear);
        if (!org.bouncycastle.util.Arrays.constantTimeAreEqual(checkValue, key.checkValueView())) {
            Arrays.fill(clear, (byte) 0);
            throw new HsmException("the " + key.usage() + " key's recorded check value " + key.checkValueHex()
                    + " is not that of the key in its key block: the record was altered");
        }
        return clear;
    }

    // ECB under a TMK: 3DES (K1 = K3) for the classic field-62 layouts, SM4 for 006
    private static byte[] kekEcb(KeyAlgorithm algorithm, byte[] clearKek, boolean encrypt, byte[] data) {
        return algorithm == KeyAlgorithm.SM4 ? Sm4.ecb(clearKek, encrypt, data) : TripleDes.ecb(clearKek, encrypt, data);
    }

    private static void requireAlgorithm(KeyAlgorithm algorithm) {
        if (algorithm == null) {
            throw new HsmException("algorithm is null; expected one of " + Arrays.toString(KeyAlgorithm.values()));
        }
    }

    private static void requireUsage(KeyUsage usage) {
        if (usage == null) {
            throw new HsmException("usage is null; expected one of " + Arrays.toString(KeyUsage.values()));
        }
    }

    private static void requireKey(WrappedKey key, String name) {
        if (key == null) {
            throw new HsmException(name + " is null; expected a wrapped key");
        }
    }

    private static void requireKek(WrappedKey kek) {
        if (kek.usage() != KeyUsage.TMK) {
            throw new HsmException("kek is a " + kek.usage() + " key (cv " + kek.checkValueHex()
                    + "); working keys travel only under a TMK");
        }
        if (kek.algorithm() == KeyAlgorithm.AES) {
            throw new HsmException("kek is an AES TMK (cv " + kek.checkValueHex() + "); field 62 carries working keys"
                    + " under a TDES TMK (001, 003, 004) or an SM4 TMK (006)");
        }
    }

    private static void requireWorkingKey(KeyUsage usage, String name) {
        if (usage != KeyUsage.PIK && usage != KeyUsage.MAK && usage != KeyUsage.TDK) {
            throw new HsmException(name + " is " + usage + "; only PIK, MAK and TDK travel under a TMK");
        }
    }

    private static void requireMab(byte[] macBlockInput) {
        if (macBlockInput == null) {
            throw new HsmException("macBlockInput is null; expected the message bytes from the MTI through field 63");
        }
    }

    private static String describe(WrappedKey key) {
        return key == null ? "no key" : key.algorithm() + " " + key.usage() + " cv " + key.checkValueHex();
    }

    /**
     * Runs an operation's body; a refusal (HsmException) is logged with the operation's name and the keys involved
     * (described only when the log wants it) and thrown on.
     */
    private static <T> T refusing(String op, Supplier<String> involved, Supplier<T> body) {
        try {
            return body.get();
        } catch (HsmException e) {
            refused(op, involved.get(), e);
            throw e;
        }
    }

    /** Unwraps and checks the key, gives its clear bytes to {@code use}, and zeroes them however {@code use} ends. */
    private <T> T withClearKey(WrappedKey key, Function<byte[], T> use) {
        byte[] clear = unwrapVerified(key);
        try {
            return use.apply(clear);
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }

    private static void refused(String op, String involved, HsmException e) {
        if (log.isDebugEnabled()) {
            log.debug("{}: {} -> refused: {}", op, involved, e.getMessage());
        }
    }
}
