package tms.iso8583;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One TCP frame after its 2-byte length: the 5-byte TPDU, the 6-byte header and the message body (MTI onward).
 *
 * <p>The TPDU is {@code 60} + destination (2 bytes) + source (2 bytes). The header is 12 BCD digits: application
 * type (2), spec version (2), terminal status (1), processing requirement (1), software version (6), so byte 2
 * holds terminal status in its high nibble and the processing requirement in its low nibble. The arrays are
 * copied in and out; a frame never changes.
 *
 * @param tpdu   5 bytes
 * @param header 6 bytes
 * @param body   MTI + bitmap + fields, at least 10 bytes
 */
public record Frame(byte[] tpdu, byte[] header, byte[] body) {

    /** Bytes in a TPDU. */
    public static final int TPDU_LENGTH = 5;
    /** Bytes in the header. */
    public static final int HEADER_LENGTH = 6;
    /** The first byte of every CUP TPDU. */
    public static final int TPDU_ID = 0x60;
    /** TPDU + header + MTI + primary bitmap: nothing shorter can be a message. */
    public static final int MINIMUM_LENGTH = TPDU_LENGTH + HEADER_LENGTH + CupMessageCodec.MINIMUM_BODY;

    private static final int STATUS_BYTE = 2;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /**
     * @throws IllegalArgumentException if a part is null or of the wrong size
     */
    public Frame {
        if (tpdu == null || tpdu.length != TPDU_LENGTH) {
            throw new IllegalArgumentException("TPDU must be " + TPDU_LENGTH + " bytes, got " + (tpdu == null ? "null" : tpdu.length));
        }
        if (header == null || header.length != HEADER_LENGTH) {
            throw new IllegalArgumentException("header must be " + HEADER_LENGTH + " bytes, got " + (header == null ? "null" : header.length));
        }
        if (body == null || body.length < CupMessageCodec.MINIMUM_BODY) {
            throw new IllegalArgumentException("body must hold at least MTI + bitmap (" + CupMessageCodec.MINIMUM_BODY
                    + " bytes), got " + (body == null ? "null" : body.length));
        }
        tpdu = tpdu.clone();
        header = header.clone();
        body = body.clone();
    }

    /**
     * Splits the bytes that followed the 2-byte length on the socket.
     *
     * @param afterLength TPDU + header + body
     * @return the frame
     * @throws MessageFormatException if the frame is shorter than {@value #MINIMUM_LENGTH} bytes or the TPDU does not
     *                                start with 0x60
     */
    public static Frame parse(byte[] afterLength) throws MessageFormatException {
        if (afterLength == null) {
            throw new MessageFormatException("frame is null; expected TPDU + header + message body");
        }
        if (afterLength.length < MINIMUM_LENGTH) {
            throw new MessageFormatException("frame of " + afterLength.length + " bytes is shorter than the minimum of " + MINIMUM_LENGTH
                    + " (TPDU 5 + header 6 + MTI 2 + bitmap 8)");
        }
        if ((afterLength[0] & 0xFF) != TPDU_ID) {
            throw new MessageFormatException(String.format("TPDU starts with 0x%02X; a CUP TPDU starts with 0x60", afterLength[0] & 0xFF));
        }
        return new Frame(
                Arrays.copyOfRange(afterLength, 0, TPDU_LENGTH),
                Arrays.copyOfRange(afterLength, TPDU_LENGTH, TPDU_LENGTH + HEADER_LENGTH),
                Arrays.copyOfRange(afterLength, TPDU_LENGTH + HEADER_LENGTH, afterLength.length));
    }

    /**
     * A frame as a terminal (or the simulator) builds it.
     *
     * @param tpdu   5 bytes
     * @param header 6 bytes
     * @param body   the packed message
     * @return the frame
     */
    public static Frame request(byte[] tpdu, byte[] header, byte[] body) {
        return new Frame(tpdu, header, body);
    }

    /**
     * The answer to this frame: TPDU with destination and source swapped, the same header with the processing
     * requirement set, and the given body.
     *
     * @param replyBody       the packed response
     * @param processingNibble 0 none, 1..7 per PROTOCOL.md §1 (3 = re-sign-in), at most 9
     * @return the reply frame
     * @throws IllegalArgumentException if {@code processingNibble} is not 0..9
     */
    public Frame reply(byte[] replyBody, int processingNibble) {
        if (processingNibble < 0 || processingNibble > 9) {
            throw new IllegalArgumentException("processing requirement must be one BCD digit 0..9, got " + processingNibble);
        }
        byte[] swapped = {tpdu[0], tpdu[3], tpdu[4], tpdu[1], tpdu[2]};
        byte[] replyHeader = header.clone();
        replyHeader[STATUS_BYTE] = (byte) ((replyHeader[STATUS_BYTE] & 0xF0) | processingNibble);
        return new Frame(swapped, replyHeader, replyBody);
    }

    /** @return the processing requirement: the low nibble of header byte 2 */
    public int processingNibble() {
        return header[STATUS_BYTE] & 0x0F;
    }

    /** @return the terminal status (0 normal, else test): the high nibble of header byte 2 */
    public int terminalStatus() {
        return (header[STATUS_BYTE] >> 4) & 0x0F;
    }

    /** @return TPDU + header + body, without the length */
    public byte[] toBytes() {
        byte[] out = new byte[TPDU_LENGTH + HEADER_LENGTH + body.length];
        System.arraycopy(tpdu, 0, out, 0, TPDU_LENGTH);
        System.arraycopy(header, 0, out, TPDU_LENGTH, HEADER_LENGTH);
        System.arraycopy(body, 0, out, TPDU_LENGTH + HEADER_LENGTH, body.length);
        return out;
    }

    /**
     * @return the 2-byte big-endian length, then TPDU + header + body
     * @throws IllegalStateException if the frame is longer than a 2-byte length can count (65535)
     */
    public byte[] toBytesWithLength() {
        int length = TPDU_LENGTH + HEADER_LENGTH + body.length;
        if (length > 0xFFFF) {
            throw new IllegalStateException("frame of " + length + " bytes does not fit a 2-byte length (65535 at most)");
        }
        byte[] out = new byte[2 + length];
        out[0] = (byte) (length >> 8);
        out[1] = (byte) length;
        System.arraycopy(toBytes(), 0, out, 2, length);
        return out;
    }

    @Override
    public byte[] tpdu() {
        return tpdu.clone();
    }

    @Override
    public byte[] header() {
        return header.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame other
                && Arrays.equals(tpdu, other.tpdu)
                && Arrays.equals(header, other.header)
                && Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(tpdu) + Arrays.hashCode(header)) + Arrays.hashCode(body);
    }

    /** The body is left out: it may carry card data, and {@link MaskedMessage} is the way to show it. */
    @Override
    public String toString() {
        return "Frame[tpdu=" + HEX.formatHex(tpdu) + ", header=" + HEX.formatHex(header) + ", body=" + body.length + " bytes]";
    }
}
