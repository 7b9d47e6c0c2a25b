package tms.hsm;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The local master key (AES-256) that wraps every key at rest. */
public final class Lmk {

    private static final Logger log = LoggerFactory.getLogger(Lmk.class);

    static final int KEY_BYTES = 32;
    private static final int HEX_CHARS = 2 * KEY_BYTES;
    private static final byte[] HEX_DIGITS = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    // Held for the life of the module: every unwrap needs it. Never handed out of the package.
    private final byte[] key;
    private final boolean createdNow;
    private final boolean development;
    private final String checkValueHex;

    private Lmk(byte[] key, boolean createdNow, boolean development) {
        this.key = key;
        this.createdNow = createdNow;
        this.development = development;
        this.checkValueHex = checkValueOf(key);
    }

    /** Loads the development LMK from the file, creating it (32 random bytes, hex, owner-only permissions where the file system allows; parent directories created) if it is missing. */
    public static Lmk loadOrCreateDevelopment(Path file) {
        if (file == null) {
            throw new HsmException("the development LMK file path is null; expected a path such as ./data/lmk.dev");
        }
        Path path = file.toAbsolutePath();
        try {
            if (!Files.exists(path)) {
                try {
                    Lmk created = create(path);
                    log.warn("Created a DEVELOPMENT LMK at {} (check value {}): it is kept in clear on disk and must never "
                            + "protect real keys", path, created.checkValueHex);
                    return created;
                } catch (FileAlreadyExistsException raced) {
                    // another process created it between our check and our create: use theirs
                }
            }
            Lmk loaded = load(path);
            log.warn("Using the DEVELOPMENT LMK at {} (check value {}): it must never protect real keys",
                    path, loaded.checkValueHex);
            return loaded;
        } catch (NoSuchFileException e) {
            throw new HsmException("the development LMK file " + path + " disappeared while it was being read", e);
        } catch (IOException e) {
            throw new HsmException("cannot read or create the development LMK file " + path + ": " + e, e);
        }
    }

    /**
     * The production LMK: the XOR of 2 or 3 custodians' components of 32 bytes each. Refuses a missing, short,
     * all-zero or repeated component, and components that cancel out, so that no single custodian knows the LMK.
     */
    public static Lmk fromComponents(List<byte[]> components) {
        if (components == null || components.size() < 2 || components.size() > 3) {
            throw new HsmException("components is " + (components == null ? "null" : "a list of " + components.size())
                    + "; expected 2 or 3 LMK components of " + KEY_BYTES + " bytes, each from a different custodian");
        }
        List<String> checkValues = new ArrayList<>();
        for (int n = 0; n < components.size(); n++) {
            byte[] component = components.get(n);
            String which = "LMK component " + (n + 1) + " of " + components.size();
            if (component == null) {
                throw new HsmException(which + " is null; expected " + KEY_BYTES + " bytes");
            }
            if (component.length != KEY_BYTES) {
                throw new HsmException(which + " has " + component.length + " bytes; expected " + KEY_BYTES
                        + " (an AES-256 component)");
            }
            if (isAllZero(component)) {
                throw new HsmException(which + " is all zeros; expected a random component (Lmk.newComponent)");
            }
            for (int m = 0; m < n; m++) {
                // constant time: the comparison must not tell a timing observer how far two components agree
                if (MessageDigest.isEqual(components.get(m), component)) {
                    throw new HsmException("LMK components " + (m + 1) + " and " + (n + 1) + " are equal; each custodian "
                            + "must hold a distinct random component (two equal components cancel out in the XOR)");
                }
            }
            checkValues.add(checkValueOf(component));
        }
        byte[] key = new byte[KEY_BYTES];
        for (byte[] component : components) {
            for (int i = 0; i < KEY_BYTES; i++) {
                key[i] ^= component[i];
            }
        }
        if (isAllZero(key)) {
            // three components where one is the XOR of the other two: the "LMK" would be a known all-zero key
            throw new HsmException("the " + components.size() + " LMK components XOR to zero; expected independent "
                    + "random components, one per custodian");
        }
        Lmk lmk = new Lmk(key, false, false);
        log.info("Formed the LMK from {} components (check values {}): LMK check value {}", components.size(),
                String.join(", ", checkValues), lmk.checkValueHex);
        return lmk;
    }

    /** A new random component for one custodian; print it with {@link LmkComponent#toText()} or write it with {@link LmkComponent#writeOwnerOnly(Path)}. */
    public static LmkComponent newComponent(SecureRandom random) {
        if (random == null) {
            throw new HsmException("random is null; expected a SecureRandom to draw the LMK component from");
        }
        byte[] value = new byte[KEY_BYTES];
        try {
            do {
                random.nextBytes(value);
            } while (isAllZero(value));
            return new LmkComponent(value);
        } finally {
            // the record keeps its own copy
            Arrays.fill(value, (byte) 0);
        }
    }

    private static boolean isAllZero(byte[] bytes) {
        int or = 0;
        for (byte b : bytes) {
            or |= b;
        }
        return or == 0;
    }

    private static Lmk create(Path path) throws IOException {
        Path parent = path.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        byte[] text = new byte[HEX_CHARS + 1];
        for (int i = 0; i < KEY_BYTES; i++) {
            text[2 * i] = HEX_DIGITS[(key[i] >> 4) & 0x0F];
            text[2 * i + 1] = HEX_DIGITS[key[i] & 0x0F];
        }
        text[HEX_CHARS] = '\n';
        try {
            // createFile fails if the file exists, and sets the permissions before any byte is written
            Files.createFile(path, ownerOnly(path));
            Files.write(path, text, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.SYNC);
        } finally {
            // the hex text is as secret as the key; do not leave it for a heap dump
            Arrays.fill(text, (byte) 0);
        }
        return new Lmk(key, true, true);
    }

    private static FileAttribute<?>[] ownerOnly(Path path) {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
        }
        return new FileAttribute<?>[0];
    }

    private static Lmk load(Path path) throws IOException {
        byte[] text = Files.readAllBytes(path);
        try {
            int length = text.length;
            if (length > 0 && text[length - 1] == '\n') {
                length--;
                if (length > 0 && text[length - 1] == '\r') {
                    length--;
                }
            }
            if (length != HEX_CHARS) {
                throw malformed(path, "it holds " + length + " characters before any trailing newline");
            }
            byte[] key = new byte[KEY_BYTES];
            for (int i = 0; i < HEX_CHARS; i++) {
                int nibble = Character.digit(text[i], 16);
                if (nibble < 0) {
                    Arrays.fill(key, (byte) 0);
                    throw malformed(path, "character " + (i + 1) + " is not a hexadecimal digit");
                }
                key[i / 2] |= (byte) (i % 2 == 0 ? nibble << 4 : nibble);
            }
            return new Lmk(key, false, true);
        } finally {
            Arrays.fill(text, (byte) 0);
        }
    }

    private static HsmException malformed(Path path, String problem) {
        return new HsmException("the development LMK file " + path + " must hold exactly " + HEX_CHARS
                + " hexadecimal characters (an AES-256 key), optionally followed by a newline, but " + problem
                + "; restore the file or delete it to create a new development LMK (keys wrapped under the old one are lost)");
    }

    // AES-CMAC over one block of 16 zero bytes: a value an operator can compare, which reveals nothing of the key.
    // Components use the same definition, so a custodian's printed check value and the log's agree.
    static String checkValueOf(byte[] key) {
        CMac cmac = new CMac(AESEngine.newInstance());
        cmac.init(new KeyParameter(key));
        byte[] zeros = new byte[16];
        cmac.update(zeros, 0, zeros.length);
        byte[] mac = new byte[cmac.getMacSize()];
        cmac.doFinal(mac, 0);
        return HexFormat.of().withUpperCase().formatHex(mac, 0, 3);
    }

    /** True when this call created the file. */
    public boolean createdNow() {
        return createdNow;
    }

    /** True for the development LMK kept in clear on disk; false for an LMK formed from custodians' components. */
    public boolean development() {
        return development;
    }

    /** The LMK's check value (AES-CMAC of 16 zero bytes, first 3 bytes / 6 uppercase hex) so operators can tell LMKs apart. */
    public String checkValueHex() {
        return checkValueHex;
    }

    /** The clear LMK for the package's wrapping and derivation; callers copy it into cipher parameters and never change it. */
    byte[] keyMaterial() {
        return key;
    }

    @Override
    public String toString() {
        return "Lmk[" + (development ? "development" : "production") + ", check value " + checkValueHex + "]";
    }
}
