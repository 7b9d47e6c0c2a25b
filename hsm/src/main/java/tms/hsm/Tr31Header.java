package tms.hsm;

import java.util.ArrayList;
import java.util.List;

/** The clear header of a TR-31 key block (ASC X9 TR-31:2018 / ANSI X9.143): the 16 fixed characters and the optional blocks. */
record Tr31Header(char version, String keyUsage, char algorithm, char modeOfUse, String keyVersion, char exportability,
        List<OptionalBlock> optionalBlocks) {

    // Fields are validated on construction, so a header that exists can be encoded; its length field is not part of
    // the record but computed when the key block is assembled. The reserved field is always 00.

    /** Characters of the fixed part of the header. */
    static final int FIXED_LENGTH = 16;

    /** Algorithms of TR-31:2018 Table 3 (AES, DEA, elliptic curve, HMAC, RSA, DSA, TDEA). */
    static final String ALGORITHMS = "ADEHRST";

    /** Modes of use of TR-31:2018 Table 4. */
    static final String MODES_OF_USE = "BCDEGNSTVXY";

    /** Exportability: E exportable under a KEK, N non-exportable, S sensitive. */
    static final String EXPORTABILITIES = "ENS";

    private static final String PAD_BLOCK = "PB";
    private static final int MAX_SHORT_BLOCK = 0xFF;

    /** One optional block: a 2-character ID and its printable data. */
    record OptionalBlock(String id, String data) {

        /** Validates the ID (2 characters, letters or digits) and the data (printable ASCII). */
        OptionalBlock {
            if (id == null || id.length() != 2 || !isAlphanumeric(id.charAt(0)) || !isAlphanumeric(id.charAt(1))) {
                throw new HsmException("an optional block ID is " + (id == null ? "null" : "'" + printable(id) + "'")
                        + "; expected 2 characters, letters or digits (e.g. KS, KP, TS, PB)");
            }
            if (data == null) {
                throw new HsmException("optional block " + id + " has null data; expected printable ASCII (possibly empty)");
            }
            for (int i = 0; i < data.length(); i++) {
                if (!isPrintable(data.charAt(i))) {
                    throw new HsmException("optional block " + id + " has a character that is not printable ASCII at position "
                            + (i + 1) + " of its data");
                }
            }
        }

        /** Characters this block takes in the header: ID and length (extended beyond 255) plus data. */
        int encodedLength() {
            int shortLength = 4 + data.length();
            return shortLength <= MAX_SHORT_BLOCK ? shortLength : 10 + data.length();
        }

        void encodeTo(StringBuilder out) {
            int length = encodedLength();
            out.append(id);
            if (length <= MAX_SHORT_BLOCK) {
                out.append(hex(length, 2));
            } else {
                // extended length: 00, then the number of hex digits of the length (04), then the length itself
                out.append("0004").append(hex(length, 4));
            }
            out.append(data);
        }
    }

    /** Validates every field and copies the list of optional blocks. */
    Tr31Header {
        if (!isAlphanumeric(version)) {
            throw new HsmException("the key block version is " + describe(version) + "; expected a letter or digit, D for AES key block protection");
        }
        if (keyUsage == null || keyUsage.length() != 2 || !isAlphanumeric(keyUsage.charAt(0)) || !isAlphanumeric(keyUsage.charAt(1))) {
            throw new HsmException("the key usage is " + (keyUsage == null ? "null" : "'" + printable(keyUsage) + "'")
                    + "; expected 2 letters or digits such as K0, K1, P0, M1, D0, B0");
        }
        // TR-31 reserves numeric algorithm codes for proprietary use; this module writes one for SM4 (Tr31Usage)
        if (ALGORITHMS.indexOf(algorithm) < 0 && !(algorithm >= '0' && algorithm <= '9')) {
            throw new HsmException("the algorithm is " + describe(algorithm) + "; expected one of " + ALGORITHMS
                    + " (A AES, D DEA, E elliptic curve, H HMAC, R RSA, S DSA, T TDEA) or a proprietary digit");
        }
        if (MODES_OF_USE.indexOf(modeOfUse) < 0) {
            throw new HsmException("the mode of use is " + describe(modeOfUse) + "; expected one of " + MODES_OF_USE);
        }
        if (keyVersion == null || keyVersion.length() != 2 || !isAlphanumeric(keyVersion.charAt(0))
                || !isAlphanumeric(keyVersion.charAt(1))) {
            throw new HsmException("the key version number is " + (keyVersion == null ? "null" : "'" + printable(keyVersion) + "'")
                    + "; expected 2 letters or digits, 00 when unused");
        }
        if (EXPORTABILITIES.indexOf(exportability) < 0) {
            throw new HsmException("the exportability is " + describe(exportability) + "; expected E, N or S");
        }
        if (optionalBlocks == null) {
            throw new HsmException("the optional blocks are null; expected a list, empty when there are none");
        }
        optionalBlocks = List.copyOf(optionalBlocks);
        if (optionalBlocks.size() > 99) {
            throw new HsmException("the header has " + optionalBlocks.size() + " optional blocks; at most 99 fit its count field");
        }
    }

    /** A header without optional blocks. */
    static Tr31Header of(char version, String keyUsage, char algorithm, char modeOfUse, String keyVersion, char exportability) {
        return new Tr31Header(version, keyUsage, algorithm, modeOfUse, keyVersion, exportability, List.of());
    }

    /** Characters the optional blocks take. */
    int optionalBlocksLength() {
        int length = 0;
        for (OptionalBlock block : optionalBlocks) {
            length += block.encodedLength();
        }
        return length;
    }

    /** Characters of the whole header: fixed part and optional blocks. */
    int length() {
        return FIXED_LENGTH + optionalBlocksLength();
    }

    /**
     * This header with a pad block (PB) appended when its optional blocks do not fill a whole number of
     * {@code blockSize} characters, as TR-31 requires; the padding is '0' characters.
     */
    Tr31Header padded(int blockSize) {
        int remainder = optionalBlocksLength() % blockSize;
        if (remainder == 0) {
            return this;
        }
        int padLength = blockSize - remainder;
        if (padLength < 4) {
            // a pad block is at least its ID and length: take one more block of padding
            padLength += blockSize;
        }
        List<OptionalBlock> blocks = new ArrayList<>(optionalBlocks);
        blocks.add(new OptionalBlock(PAD_BLOCK, "0".repeat(padLength - 4)));
        return new Tr31Header(version, keyUsage, algorithm, modeOfUse, keyVersion, exportability, blocks);
    }

    /** The header as it opens a key block of {@code blockLength} characters. */
    String encode(int blockLength) {
        if (blockLength < 0 || blockLength > 9999) {
            throw new HsmException("the key block would have " + blockLength + " characters; its length field holds at most 9999");
        }
        StringBuilder out = new StringBuilder(length());
        out.append(version).append(String.format("%04d", blockLength)).append(keyUsage).append(algorithm).append(modeOfUse)
                .append(keyVersion).append(exportability).append(String.format("%02d", optionalBlocks.size())).append("00");
        for (OptionalBlock block : optionalBlocks) {
            block.encodeTo(out);
        }
        return out.toString();
    }

    /** A parsed header and the number of characters it takes at the start of the key block. */
    record Parsed(Tr31Header header, int length) {
    }

    /**
     * Parses the header at the start of a key block and checks that the length field matches the block's length.
     * Messages name the field and the position, and show header characters only (never what follows the header).
     */
    static Parsed parse(String block) {
        if (block == null) {
            throw new HsmException("the key block is null; expected a TR-31 key block string");
        }
        if (block.length() < FIXED_LENGTH) {
            throw new HsmException("the key block has " + block.length() + " characters; a TR-31 key block has at least "
                    + FIXED_LENGTH + " (its header)");
        }
        for (int i = 0; i < FIXED_LENGTH; i++) {
            if (!isPrintable(block.charAt(i))) {
                throw new HsmException("the key block's header has a character that is not printable ASCII at position " + (i + 1));
            }
        }
        char version = block.charAt(0);
        int declared = digits(block, 1, 4, "length");
        if (declared != block.length()) {
            throw new HsmException("the key block's length field says " + declared + " characters but the key block has "
                    + block.length() + "; it was truncated, extended or mis-copied");
        }
        String keyUsage = block.substring(5, 7);
        char algorithm = block.charAt(7);
        char modeOfUse = block.charAt(8);
        String keyVersion = block.substring(9, 11);
        char exportability = block.charAt(11);
        int count = digits(block, 12, 2, "number of optional blocks");
        if (!"00".equals(block.substring(14, 16))) {
            throw new HsmException("the key block's reserved field (positions 15-16) is '" + block.substring(14, 16)
                    + "'; expected 00");
        }
        List<OptionalBlock> blocks = new ArrayList<>(count);
        int at = FIXED_LENGTH;
        for (int n = 1; n <= count; n++) {
            String which = "optional block " + n + " of " + count;
            if (at + 4 > block.length()) {
                throw new HsmException("the key block ends inside " + which + "; the header announces " + count);
            }
            String id = block.substring(at, at + 2);
            int length = hexDigits(block, at + 2, 2, which + " (" + printable(id) + ") length");
            int dataStart = at + 4;
            if (length == 0) {
                // extended length: 2 hex digits giving the number of hex digits of the length that follows
                int digits = hexDigits(block, at + 4, 2, which + " (" + printable(id) + ") length of length");
                if (digits == 0 || digits > 4) {
                    throw new HsmException(which + " (" + printable(id) + ") has an extended length of " + digits
                            + " hex digits; expected 1 to 4");
                }
                length = hexDigits(block, at + 6, digits, which + " (" + printable(id) + ") extended length");
                dataStart = at + 6 + digits;
            }
            if (length < dataStart - at) {
                throw new HsmException(which + " (" + printable(id) + ") says it has " + length
                        + " characters, fewer than its own ID and length");
            }
            if (at + length > block.length()) {
                throw new HsmException(which + " (" + printable(id) + ") says it has " + length
                        + " characters, beyond the end of the key block");
            }
            for (int i = at; i < at + length; i++) {
                if (!isPrintable(block.charAt(i))) {
                    throw new HsmException(which + " (" + printable(id) + ") has a character that is not printable ASCII "
                            + "at position " + (i + 1) + " of the key block");
                }
            }
            blocks.add(new OptionalBlock(id, block.substring(dataStart, at + length)));
            at += length;
        }
        Tr31Header header = new Tr31Header(version, keyUsage, algorithm, modeOfUse, keyVersion, exportability, blocks);
        return new Parsed(header, at);
    }

    private static int digits(String text, int from, int count, String field) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new HsmException("the key block's " + field + " field (positions " + (from + 1) + "-" + (from + count)
                        + ") is '" + printable(text.substring(from, from + count)) + "'; expected " + count + " decimal digits");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int hexDigits(String text, int from, int count, String field) {
        if (from + count > text.length()) {
            throw new HsmException("the key block ends inside the " + field + " field");
        }
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                throw new HsmException("the " + field + " field at position " + (from + 1) + " of the key block is '"
                        + printable(text.substring(from, from + count)) + "'; expected " + count + " hex digits");
            }
            value = value * 16 + digit;
        }
        return value;
    }

    private static String hex(int value, int digits) {
        String text = Integer.toHexString(value).toUpperCase(java.util.Locale.ROOT);
        return "0".repeat(digits - text.length()) + text;
    }

    static boolean isAlphanumeric(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    static boolean isPrintable(char c) {
        return c >= 0x20 && c <= 0x7E;
    }

    static String describe(char c) {
        return isPrintable(c) ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(isPrintable(c) ? c : '?');
        }
        return out.toString();
    }
}
