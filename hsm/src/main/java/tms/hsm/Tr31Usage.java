package tms.hsm;

/** The project's key usages as TR-31 key usage, algorithms and modes of use, so that a key block is unwrapped only as what it is. */
enum Tr31Usage {

    // TR-31 has fewer usages than the project: TMK and ZMK are both key-encryption keys (K0), PIK and ZPK are
    // both PIN keys (P0). Within those pairs the header cannot tell one from the other; the project's binding
    // block in the at-rest header does (AtRestKeyBlock). The CUP "ECB" MAC has no TR-31 code; M1 (ISO 9797-1 MAC
    // algorithm 1, the block-cipher MAC family it belongs to) is used for the MAK. SM4 (the 006 profile) has no
    // TR-31 algorithm code either: it is written as the proprietary digit '4' (TR-31 reserves numeric algorithm
    // codes for proprietary use), and the binding block names it. KEK is the transport key that protects the
    // TR-31 blocks exported for a key injection device (PROTOCOL.md §5): TR-31's key block protection key, K1, and
    // AES because version D blocks need an AES KBPK.
    // Exportability says how a key may leave: E (under a KEK, in an X9.24 form: the TMK, exported as a TR-31
    // block or under a device key), S (only in a legacy form: working and zone keys travel 3DES/SM4-ECB under a
    // TMK or ZMK), N (never: BDK, transport key, hash key).

    /** Terminal master key: wraps the working keys sent at sign-in. */
    TMK("K0", "TA4", 'B', "BDE", 'E'),
    /** Terminal PIN key (8 bytes in profile 001, 16 otherwise). */
    PIK("P0", "TDA4", 'B', "BDE", 'S'),
    /** Terminal MAC key (8 bytes in the classic profile). */
    MAK("M1", "TDA4", 'C', "CGV", 'S'),
    /** Track data key. */
    TDK("D0", "TA4", 'B', "BDE", 'S'),
    /** Zone PIN key towards the acquirer / upstream switch. */
    ZPK("P0", "TA4", 'B', "BDE", 'S'),
    /** Zone master key: wraps zone keys exchanged with the upstream switch. */
    ZMK("K0", "TA4", 'B', "BDE", 'S'),
    /** Zone MAC key towards the acquirer / upstream switch. */
    ZAK("M1", "TDA4", 'C', "CGV", 'S'),
    /** Keyed-hash (HMAC) key for look-ups; whatever its project algorithm, the header says HMAC. */
    HASH("M7", "H", 'C', "CGV", 'N'),
    /** Transport key: the AES key block protection key between this module and a key injection device. */
    KEK("K1", "A", 'B', "BDE", 'N'),
    /** Base derivation key for DUKPT, TDEA or AES. */
    BDK("B0", "TA", 'X', "X", 'N');

    /** The proprietary TR-31 algorithm code written for SM4 keys. */
    static final char SM4_ALGORITHM = '4';

    private final String keyUsage;
    private final String algorithms;
    private final char modeOfUse;
    private final String acceptedModes;
    private final char exportability;

    Tr31Usage(String keyUsage, String algorithms, char modeOfUse, String acceptedModes, char exportability) {
        this.keyUsage = keyUsage;
        this.algorithms = algorithms;
        this.modeOfUse = modeOfUse;
        this.acceptedModes = acceptedModes;
        this.exportability = exportability;
    }

    /** The entry for one of the module's stored key usages. */
    static Tr31Usage of(KeyUsage usage) {
        if (usage == null) {
            throw new HsmException("usage is null; expected one of " + java.util.Arrays.toString(KeyUsage.values()));
        }
        return switch (usage) {
            case TMK -> TMK;
            case PIK -> PIK;
            case MAK -> MAK;
            case TDK -> TDK;
            case ZPK -> ZPK;
            case ZMK -> ZMK;
            case ZAK -> ZAK;
            case KEK -> KEK;
            case BDK -> BDK;
            case HASH -> HASH;
        };
    }

    /** The TR-31 key usage (2 characters) written for this usage. */
    String keyUsage() {
        return keyUsage;
    }

    /** The mode of use written for this usage. */
    char modeOfUse() {
        return modeOfUse;
    }

    /** The exportability written in this usage's at-rest blocks. */
    char exportability() {
        return exportability;
    }

    /**
     * The TR-31 algorithm written for a key of the project's algorithm and length: DEA for an 8-byte DES key, TDEA
     * for a longer one, A for AES, the proprietary {@value #SM4_ALGORITHM} for SM4; H for every hash key. Refused
     * when this usage does not take keys of that algorithm.
     */
    char algorithmFor(KeyAlgorithm algorithm, int keyLength) {
        if (algorithm == null) {
            throw new HsmException("algorithm is null; expected one of " + java.util.Arrays.toString(KeyAlgorithm.values()));
        }
        if (this == HASH) {
            return 'H';
        }
        char code = switch (algorithm) {
            case TDES -> keyLength == 8 ? 'D' : 'T';
            case AES -> 'A';
            case SM4 -> SM4_ALGORITHM;
        };
        if (algorithms.indexOf(code) < 0) {
            throw new HsmException("a " + name() + " key cannot be " + (code == 'D' ? "single DES (8 bytes)" : algorithm
                    + " of " + keyLength + " bytes") + "; expected " + expectedAlgorithms());
        }
        return code;
    }

    private String expectedAlgorithms() {
        StringBuilder text = new StringBuilder();
        for (char code : algorithms.toCharArray()) {
            text.append(text.length() == 0 ? "" : ", ").append(switch (code) {
                case 'T' -> "TDES of 16 or 24 bytes";
                case 'D' -> "DES of 8 bytes";
                case 'A' -> "AES";
                case SM4_ALGORITHM -> "SM4";
                default -> "HMAC";
            });
        }
        return text.toString();
    }

    /** A version D header for a key of this usage, algorithm and length: key version 00, no optional blocks. */
    Tr31Header header(KeyAlgorithm algorithm, int keyLength, char exportability) {
        return Tr31Header.of(Tr31KeyBlock.VERSION_D, keyUsage, algorithmFor(algorithm, keyLength), modeOfUse, "00",
                exportability);
    }

    /** Refuses a header whose usage, algorithm or mode of use is not this usage's; the message names both. */
    void requireMatches(Tr31Header header) {
        if (!keyUsage.equals(header.keyUsage())) {
            throw new HsmException("the key block holds a key of TR-31 usage " + header.keyUsage() + " but is presented as a "
                    + name() + " (TR-31 usage " + keyUsage + "); a key can serve only its own usage");
        }
        if (algorithms.indexOf(header.algorithm()) < 0) {
            throw new HsmException("the key block holds a " + name() + " for algorithm " + header.algorithm()
                    + "; a " + name() + " here is for algorithm " + String.join(" or ", algorithms.split(""))
                    + " (" + expectedAlgorithms() + ")");
        }
        if (acceptedModes.indexOf(header.modeOfUse()) < 0) {
            throw new HsmException("the key block holds a " + name() + " with mode of use " + header.modeOfUse()
                    + "; a " + name() + " here has mode " + String.join(", ", acceptedModes.split("")));
        }
    }
}
