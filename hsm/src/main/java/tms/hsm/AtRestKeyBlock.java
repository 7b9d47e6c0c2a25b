package tms.hsm;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The header of a key block at rest: the TR-31 fields of {@link Tr31Usage}, and three optional blocks, all under
 * the block's MAC.
 *
 * <ul>
 * <li>{@value #BINDING_ID} (proprietary: TR-31 leaves numeric block IDs to vendors) — the project's usage, algorithm
 * and key length, e.g. {@code TMK.TDES.16}. TR-31 alone cannot tell a TMK from a ZMK (both K0), a PIK from a ZPK
 * (both P0), nor name SM4; and the length is hidden by TR-31's length-masking padding but is part of the handle.
 * <li>{@value #CHECK_VALUE_ID} (X9.143 key check value) — {@code 00} (encryption of zeros: TDES, SM4) or {@code 01}
 * (CMAC: AES), then the key's 4-byte check value, so that the check value in the record is bound to the key.
 * <li>{@value #KBPK_CHECK_VALUE_ID} (X9.143 check value of the key block protection key) — {@code 01} and the first
 * 4 bytes of the CMAC check value of the LMK-derived KBPK: it says under which LMK a stored block was made, without
 * trying to unwrap it (LMK rotation, a restore from another installation).
 * </ul>
 * The pad block TR-31 needs completes the optional blocks to 48 characters, whatever the usage.
 */
final class AtRestKeyBlock {

    /** The proprietary optional block binding the project's usage, algorithm and length. */
    static final String BINDING_ID = "01";
    /** The optional block of the key's check value. */
    static final String CHECK_VALUE_ID = "KC";
    /** The optional block of the check value of the key block protection key. */
    static final String KBPK_CHECK_VALUE_ID = "KP";

    private static final String LEGACY_KCV = "00";
    private static final String CMAC_KCV = "01";
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    // compiled once: a terminal's wrapped MAK is decoded for every message it sends
    private static final Pattern LENGTH = Pattern.compile("[1-9][0-9]?");
    private static final Pattern LEGACY_CHECK_VALUE = checkValuePattern(LEGACY_KCV);
    private static final Pattern CMAC_CHECK_VALUE = checkValuePattern(CMAC_KCV);

    private AtRestKeyBlock() {
    }

    /** What a stored key block says it holds. */
    record Binding(KeyUsage usage, KeyAlgorithm algorithm, int length, byte[] checkValue) {
    }

    /** The at-rest header of a key of the usage, algorithm and length, with its check value and the KBPK's. */
    static Tr31Header header(KeyUsage usage, KeyAlgorithm algorithm, int length, byte[] checkValue, byte[] kbpkCheckValue) {
        Tr31Usage tr31 = Tr31Usage.of(usage);
        Tr31Header fixed = tr31.header(algorithm, length, tr31.exportability());
        List<Tr31Header.OptionalBlock> blocks = new ArrayList<>(3);
        blocks.add(new Tr31Header.OptionalBlock(BINDING_ID, usage.name() + '.' + algorithm.name() + '.' + length));
        blocks.add(checkValueBlock(algorithm, checkValue));
        blocks.add(new Tr31Header.OptionalBlock(KBPK_CHECK_VALUE_ID, CMAC_KCV + HEX.formatHex(kbpkCheckValue)));
        return new Tr31Header(fixed.version(), fixed.keyUsage(), fixed.algorithm(), fixed.modeOfUse(), fixed.keyVersion(),
                fixed.exportability(), blocks);
    }

    /** The KC optional block for a key of the algorithm: the KCV algorithm (00 encryption of zeros, 01 CMAC) and the check value. */
    static Tr31Header.OptionalBlock checkValueBlock(KeyAlgorithm algorithm, byte[] checkValue) {
        return new Tr31Header.OptionalBlock(CHECK_VALUE_ID,
                (algorithm == KeyAlgorithm.AES ? CMAC_KCV : LEGACY_KCV) + HEX.formatHex(checkValue));
    }

    /**
     * The project's usage, algorithm, length and check value as the header states them; HsmException naming what is
     * missing or malformed. Before the block's MAC is verified this is only what the text claims.
     */
    static Binding binding(Tr31Header header) {
        String binding = null;
        String checkValue = null;
        for (Tr31Header.OptionalBlock block : header.optionalBlocks()) {
            if (BINDING_ID.equals(block.id())) {
                binding = block.data();
            } else if (CHECK_VALUE_ID.equals(block.id())) {
                checkValue = block.data();
            }
        }
        if (binding == null) {
            throw new HsmException("the key block has no optional block " + BINDING_ID + " (the project's usage, algorithm"
                    + " and length); expected a key block made by this module for keys at rest");
        }
        String[] parts = binding.split("\\.", -1);
        if (parts.length != 3) {
            throw new HsmException("the key block's optional block " + BINDING_ID + " is '" + binding
                    + "'; expected <usage>.<algorithm>.<length>, e.g. TMK.TDES.16");
        }
        KeyUsage usage = parse(KeyUsage.class, parts[0], binding);
        KeyAlgorithm algorithm = parse(KeyAlgorithm.class, parts[1], binding);
        int length = LENGTH.matcher(parts[2]).matches() ? Integer.parseInt(parts[2]) : -1;
        if (!algorithm.allowsLength(length)) {
            throw new HsmException("the key block's optional block " + BINDING_ID + " gives a length of '" + parts[2]
                    + "' for " + algorithm + "; expected " + algorithm.lengthsText());
        }
        if (checkValue == null) {
            throw new HsmException("the key block has no optional block " + CHECK_VALUE_ID
                    + " (the key's check value); expected one in every key block at rest");
        }
        String kcvAlgorithm = algorithm == KeyAlgorithm.AES ? CMAC_KCV : LEGACY_KCV;
        Pattern expected = algorithm == KeyAlgorithm.AES ? CMAC_CHECK_VALUE : LEGACY_CHECK_VALUE;
        if (!expected.matcher(checkValue).matches()) {
            throw new HsmException("the key block's optional block " + CHECK_VALUE_ID + " is '" + checkValue + "'; expected "
                    + kcvAlgorithm + " (the KCV algorithm for " + algorithm + ") and " + 2 * WrappedKey.CHECK_VALUE_BYTES
                    + " uppercase hex digits");
        }
        return new Binding(usage, algorithm, length, HEX.parseHex(checkValue.substring(2)));
    }

    /** The KCV algorithm's two digits, then the check value in uppercase hex. */
    private static Pattern checkValuePattern(String kcvAlgorithm) {
        return Pattern.compile(kcvAlgorithm + "[0-9A-F]{" + 2 * WrappedKey.CHECK_VALUE_BYTES + "}");
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, String binding) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new HsmException("the key block's optional block " + BINDING_ID + " is '" + binding + "', whose '" + name
                    + "' is no " + type.getSimpleName().toLowerCase(Locale.ROOT).replace("key", "key ") + "; expected one of "
                    + java.util.Arrays.toString(type.getEnumConstants()), e);
        }
    }
}
