package tms.hsm;

import java.util.Arrays;

import org.bouncycastle.crypto.BlockCipher;

/**
 * Track 2/3 encryption of PROTOCOL.md §4: of the track packed two hex digits a byte, the 8 bytes ending one byte
 * before the end are 3DES-ECB encrypted under the TDK; every other digit stays clear.
 *
 * <p>Nibble alignment: the block is counted on the packed bytes as they travel in field 35/36, where a track of an
 * odd number of digits ends in a pad nibble 0 (left-aligned, see PackedNibbles.TRACK). So an even track of n digits
 * has digits n-18 .. n-3 (0-based) encrypted and its last two digits clear, while an odd one has digits
 * n-17 .. n-2 encrypted and only its last digit clear (the pad nibble shares that last byte). A track needs at least
 * 9 packed bytes, that is 17 digits.
 */
final class TrackDecryption {

    static final int MIN_DIGITS = 17;
    static final int MAX_DIGITS = 104;

    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    private TrackDecryption() {
    }

    /** The clear track for an encrypted track's hex digits, under the clear TDK; uppercase hex. */
    static String decrypt(byte[] tdk, String encryptedTrack) {
        return transform(tdk, encryptedTrack, false);
    }

    /** The encrypted track for a clear track's hex digits ({@code =} written as D), under the clear TDK. */
    static String encrypt(byte[] tdk, String clearTrack) {
        return transform(tdk, clearTrack, true);
    }

    private static String transform(byte[] tdk, String track, boolean encrypt) {
        int[] nibbles = nibbles(track);
        int packed = (nibbles.length + 1) / 2;
        int first = 2 * (packed - 1 - TripleDes.BLOCK);
        byte[] block = new byte[TripleDes.BLOCK];
        char[] out = new char[track.length()];
        try {
            for (int i = 0; i < TripleDes.BLOCK; i++) {
                block[i] = (byte) (nibbles[first + 2 * i] << 4 | nibbles[first + 2 * i + 1]);
            }
            BlockCipher engine = TripleDes.engine(tdk, encrypt);
            engine.processBlock(block, 0, block, 0);
            for (int i = 0; i < TripleDes.BLOCK; i++) {
                nibbles[first + 2 * i] = (block[i] >> 4) & 0x0F;
                nibbles[first + 2 * i + 1] = block[i] & 0x0F;
            }
            for (int i = 0; i < out.length; i++) {
                out[i] = HEX_DIGITS[nibbles[i]];
            }
            return new String(out);
        } finally {
            Arrays.fill(block, (byte) 0);
            Arrays.fill(nibbles, 0);
            Arrays.fill(out, '0');
        }
    }

    // the hex digits as nibble values, plus the trailing pad nibble 0 of an odd-length track
    private static int[] nibbles(String track) {
        if (track == null) {
            throw new HsmException("track is missing; expected " + MIN_DIGITS + " to " + MAX_DIGITS + " hex digits");
        }
        if (track.length() < MIN_DIGITS || track.length() > MAX_DIGITS) {
            throw new HsmException("track has " + track.length() + " characters; expected " + MIN_DIGITS + " to "
                    + MAX_DIGITS + " hex digits (track 2 or 3, with = written as D)");
        }
        int[] nibbles = new int[track.length() + track.length() % 2];
        for (int i = 0; i < track.length(); i++) {
            char c = track.charAt(i);
            // not Character.digit: it also accepts non-ASCII digits
            int value = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (value < 0) {
                Arrays.fill(nibbles, 0);
                throw new HsmException("track has a character that is not a hex digit at position " + (i + 1)
                        + "; expected hex digits only, with the separator = written as D");
            }
            nibbles[i] = value;
        }
        return nibbles;
    }
}
