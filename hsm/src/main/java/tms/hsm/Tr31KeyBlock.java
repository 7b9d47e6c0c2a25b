package tms.hsm;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/** Wraps and unwraps TR-31 key blocks of version D (AES key block protection, ASC X9 TR-31:2018 / ANSI X9.143). */
final class Tr31KeyBlock {

    // A block is the header (ASCII), then the key data bit length (2) | key | padding encrypted with AES-CBC
    // under the KBEK with the MAC as IV, then the 16-byte MAC (AES-CMAC under the KBAK over the header and the clear key
    // data); the binary parts are uppercase hex. KBEK and KBAK come from the KBPK by Tr31Kdf. Unwrapping checks
    // the MAC before it looks at the decrypted data, so nothing about a block that does not verify is reported.

    static final char VERSION_D = 'D';

    private static final int AES_BLOCK = 16;
    private static final int MAC_BYTES = 16;
    private static final int LENGTH_BYTES = 2;
    private static final int MAX_KEY_BYTES = 0xFFFF / 8;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private Tr31KeyBlock() {
    }

    /** A key taken out of a key block, with the header that came with it; the caller zeroes {@code key} once used. */
    record Unwrapped(Tr31Header header, byte[] key) {

        /** Header and key length only: the key stays out of logs. */
        @Override
        public String toString() {
            return "Tr31KeyBlock.Unwrapped[" + header + ", " + key.length + " key bytes]";
        }
    }

    /**
     * The key block for {@code key} under the AES KBPK. The padding is random and masks the key's length: the key
     * data is padded as if the key were the longest of its algorithm (24 bytes for TDEA, 32 for AES, 8 for DEA), as
     * X9.143 recommends, so that the block does not tell a 2-key from a 3-key TDEA key. A pad block (PB) is added
     * when the optional blocks do not fill whole AES blocks.
     */
    static String wrap(byte[] kbpk, Tr31Header header, byte[] key, SecureRandom random) {
        if (random == null) {
            throw new HsmException("random is null; expected a SecureRandom for the key block's padding");
        }
        requireKey(key, header);
        int masked = Math.max(key.length, switch (header.algorithm()) {
            case 'T' -> 24;
            case 'A' -> 32;
            case 'D' -> 8;
            default -> key.length;
        });
        int dataLength = roundUp(LENGTH_BYTES + masked);
        byte[] padding = new byte[dataLength - LENGTH_BYTES - key.length];
        random.nextBytes(padding);
        return wrap(kbpk, header, key, padding);
    }

    /** The key block with the given padding, for known-answer tests; the padding must fill the key data to whole AES blocks. */
    static String wrap(byte[] kbpk, Tr31Header header, byte[] key, byte[] padding) {
        requireKey(key, header);
        if (padding == null || (LENGTH_BYTES + key.length + padding.length) % AES_BLOCK != 0) {
            throw new HsmException("the padding has " + (padding == null ? "no" : padding.length) + " bytes; with the "
                    + key.length + "-byte key and its 2-byte length it must fill whole 16-byte AES blocks");
        }
        Tr31Header padded = header.padded(AES_BLOCK);
        byte[] keyData = new byte[LENGTH_BYTES + key.length + padding.length];
        byte[] kbek = Tr31Kdf.kbek(kbpk);
        byte[] kbak = Tr31Kdf.kbak(kbpk);
        try {
            int bits = key.length * 8;
            keyData[0] = (byte) (bits >> 8);
            keyData[1] = (byte) bits;
            System.arraycopy(key, 0, keyData, LENGTH_BYTES, key.length);
            System.arraycopy(padding, 0, keyData, LENGTH_BYTES + key.length, padding.length);
            int blockLength = padded.length() + 2 * keyData.length + 2 * MAC_BYTES;
            String headerText = padded.encode(blockLength);
            byte[] mac = mac(kbak, headerText, keyData);
            byte[] encrypted = cbc(true, kbek, mac, keyData);
            return headerText + HEX.formatHex(encrypted) + HEX.formatHex(mac);
        } finally {
            Arrays.fill(keyData, (byte) 0);
            Arrays.fill(kbek, (byte) 0);
            Arrays.fill(kbak, (byte) 0);
        }
    }

    /** The key in a version D block under the KBPK, refused unless the block is well formed and its MAC verifies. */
    static Unwrapped unwrap(byte[] kbpk, String block) {
        Tr31Header.Parsed parsed = Tr31Header.parse(block);
        Tr31Header header = parsed.header();
        if (header.version() != VERSION_D) {
            throw new HsmException("the key block is version " + Tr31Header.describe(header.version())
                    + "; this module reads and writes version D (AES key block protection) only");
        }
        if (header.optionalBlocksLength() % AES_BLOCK != 0) {
            throw new HsmException("the key block's optional blocks take " + header.optionalBlocksLength()
                    + " characters; version D needs a multiple of 16 (completed by a PB pad block)");
        }
        int hexLength = block.length() - parsed.length();
        if (hexLength < 2 * (AES_BLOCK + MAC_BYTES) || hexLength % (2 * AES_BLOCK) != 0) {
            throw new HsmException("the key block has " + hexLength + " characters after its header; version D needs the "
                    + "encrypted key data (a multiple of 32 hex characters, at least 32) and a 32-hex-character MAC");
        }
        byte[] binary = new byte[hexLength / 2];
        for (int i = 0; i < hexLength; i++) {
            int digit = Character.digit(block.charAt(parsed.length() + i), 16);
            if (digit < 0) {
                throw new HsmException("the key block has a character that is not hexadecimal at position "
                        + (parsed.length() + i + 1) + ", after its header; expected the hex of the encrypted key data and MAC");
            }
            binary[i / 2] |= (byte) (i % 2 == 0 ? digit << 4 : digit);
        }
        byte[] encrypted = Arrays.copyOf(binary, binary.length - MAC_BYTES);
        byte[] mac = Arrays.copyOfRange(binary, binary.length - MAC_BYTES, binary.length);
        byte[] kbek = Tr31Kdf.kbek(kbpk);
        byte[] kbak = Tr31Kdf.kbak(kbpk);
        byte[] keyData = new byte[0];
        try {
            keyData = cbc(false, kbek, mac, encrypted);
            byte[] expected = mac(kbak, block.substring(0, parsed.length()), keyData);
            if (!org.bouncycastle.util.Arrays.constantTimeAreEqual(expected, mac)) {
                throw new HsmException("the key block's MAC does not verify: it was altered or protected under another key");
            }
            int bits = ((keyData[0] & 0xFF) << 8) | (keyData[1] & 0xFF);
            if (bits == 0 || bits % 8 != 0) {
                throw new HsmException("the key block's key length field says " + bits + " bits; expected a non-zero "
                        + "whole number of bytes");
            }
            if (bits / 8 > keyData.length - LENGTH_BYTES) {
                throw new HsmException("the key block's key length field says " + bits / 8 + " bytes but its key data holds "
                        + (keyData.length - LENGTH_BYTES) + " bytes after the length");
            }
            byte[] key = Arrays.copyOfRange(keyData, LENGTH_BYTES, LENGTH_BYTES + bits / 8);
            try {
                requireLengthFitsAlgorithm(key.length, header.algorithm(), "the key block holds");
            } catch (HsmException e) {
                Arrays.fill(key, (byte) 0);
                throw e;
            }
            return new Unwrapped(header, key);
        } finally {
            Arrays.fill(keyData, (byte) 0);
            Arrays.fill(kbek, (byte) 0);
            Arrays.fill(kbak, (byte) 0);
        }
    }

    /** As {@link #unwrap(byte[], String)}, and refused unless the header names the expected project usage. */
    static Unwrapped unwrap(byte[] kbpk, String block, Tr31Usage expected) {
        if (expected == null) {
            throw new HsmException("the expected usage is null; expected one of the project's key usages");
        }
        Unwrapped unwrapped = unwrap(kbpk, block);
        try {
            expected.requireMatches(unwrapped.header());
            return unwrapped;
        } catch (HsmException e) {
            Arrays.fill(unwrapped.key(), (byte) 0);
            throw e;
        }
    }

    private static void requireKey(byte[] key, Tr31Header header) {
        if (header == null) {
            throw new HsmException("the header is null; expected a version D header");
        }
        if (header.version() != VERSION_D) {
            throw new HsmException("the header is version " + Tr31Header.describe(header.version())
                    + "; this module writes version D (AES key block protection) only");
        }
        if (key == null || key.length == 0 || key.length > MAX_KEY_BYTES) {
            throw new HsmException("the key to wrap has " + (key == null ? "no" : key.length) + " bytes; expected 1 to "
                    + MAX_KEY_BYTES);
        }
        requireLengthFitsAlgorithm(key.length, header.algorithm(), "the key to wrap has");
    }

    // Only the symmetric algorithms have fixed lengths; RSA, EC, DSA and HMAC keys are taken as they come.
    private static void requireLengthFitsAlgorithm(int length, char algorithm, String subject) {
        boolean fits = switch (algorithm) {
            case 'T' -> length == 16 || length == 24;
            case 'D' -> length == 8;
            case 'A' -> length == 16 || length == 24 || length == 32;
            default -> true;
        };
        if (!fits) {
            throw new HsmException(subject + " " + length + " bytes, which does not fit algorithm " + algorithm
                    + "; expected " + switch (algorithm) {
                        case 'T' -> "16 or 24 bytes for TDEA";
                        case 'D' -> "8 bytes for DEA";
                        default -> "16, 24 or 32 bytes for AES";
                    });
        }
    }

    private static int roundUp(int length) {
        return (length + AES_BLOCK - 1) / AES_BLOCK * AES_BLOCK;
    }

    private static byte[] mac(byte[] kbak, String header, byte[] keyData) {
        CMac cmac = new CMac(AESEngine.newInstance());
        cmac.init(new KeyParameter(kbak));
        byte[] headerBytes = header.getBytes(StandardCharsets.US_ASCII);
        cmac.update(headerBytes, 0, headerBytes.length);
        cmac.update(keyData, 0, keyData.length);
        byte[] mac = new byte[MAC_BYTES];
        cmac.doFinal(mac, 0);
        return mac;
    }

    private static byte[] cbc(boolean encrypt, byte[] kbek, byte[] iv, byte[] data) {
        BlockCipher cbc = CBCBlockCipher.newInstance(AESEngine.newInstance());
        cbc.init(encrypt, new ParametersWithIV(new KeyParameter(kbek), iv));
        byte[] out = new byte[data.length];
        for (int at = 0; at < data.length; at += AES_BLOCK) {
            cbc.processBlock(data, at, out, at);
        }
        return out;
    }
}
