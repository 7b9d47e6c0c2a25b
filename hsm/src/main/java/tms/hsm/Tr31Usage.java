package tms.hsm;

/** The project's key usages as TR-31 key usage, algorithms and modes of use, so that a key block is unwrapped only as what it is. */
enum Tr31Usage {

    // TR-31 has fewer usages than the project: TMK, ZMK and KEK are all key-encryption keys (K0), PIK and ZPK are
    // both PIN keys (P0). Within those pairs the header cannot tell one from the other; the project's own record of a
    // key (WrappedKey#usage()) does. The CUP "ECB" MAC has no TR-31 code; M1 (ISO 9797-1 MAC algorithm 1, the
    // DES/TDEA block-cipher MAC family it belongs to) is used for the MAK. SM4 keys (the 006 profile) have no
    // TR-31 algorithm code and are not covered. KBPK is the transport key that protects TR-31 blocks for the
    // injection device (PROTOCOL.md §5): K1, and AES because version D blocks need an AES KBPK.

    /** Terminal master key: wraps the working keys sent at sign-in. */
    TMK("K0", "T", 'B', "BDE"),
    /** Terminal PIN key (8 bytes in profile 001, 16 otherwise). */
    PIK("P0", "TD", 'B', "BDE"),
    /** Terminal MAC key (8 bytes in the classic profile). */
    MAK("M1", "TD", 'C', "CGV"),
    /** Track data key. */
    TDK("D0", "T", 'B', "BDE"),
    /** Zone PIN key towards the acquirer / upstream switch. */
    ZPK("P0", "T", 'B', "BDE"),
    /** Zone master key: wraps zone keys exchanged with the upstream switch. */
    ZMK("K0", "T", 'B', "BDE"),
    /** Zone MAC key towards the acquirer / upstream switch. */
    ZAK("M1", "TD", 'C', "CGV"),
    /** Keyed-hash (HMAC) key for look-ups. */
    HASH("M7", "H", 'C', "CGV"),
    /** Key-encryption key in general (e.g. the key a working key is exported under). */
    KEK("K0", "T", 'B', "BDE"),
    /** Base derivation key for DUKPT, TDEA or AES. */
    BDK("B0", "TA", 'X', "X"),
    /** Key block protection key: the AES transport key between this module and a key injection device. */
    KBPK("K1", "A", 'B', "BDE");

    private final String keyUsage;
    private final String algorithms;
    private final char modeOfUse;
    private final String acceptedModes;

    Tr31Usage(String keyUsage, String algorithms, char modeOfUse, String acceptedModes) {
        this.keyUsage = keyUsage;
        this.algorithms = algorithms;
        this.modeOfUse = modeOfUse;
        this.acceptedModes = acceptedModes;
    }

    /** The entry for one of the module's stored key usages. */
    static Tr31Usage of(KeyUsage usage) {
        if (usage == null) {
            throw new HsmException("usage is null; expected one of TMK, PIK, MAK, TDK");
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

    /** The algorithm written for a key of this length: DEA for an 8-byte key where allowed, else TDEA, AES for a KBPK. */
    char algorithmFor(int keyLength) {
        if (algorithms.indexOf('T') < 0) {
            return algorithms.charAt(0);
        }
        if (keyLength == 8) {
            if (algorithms.indexOf('D') < 0) {
                throw new HsmException("a " + name() + " key of 8 bytes (single DES) cannot be put in a key block; expected "
                        + "16 or 24 bytes");
            }
            return 'D';
        }
        return 'T';
    }

    /** A version D header for a key of this usage and length: key version 00, no optional blocks. */
    Tr31Header header(int keyLength, char exportability) {
        return Tr31Header.of(Tr31KeyBlock.VERSION_D, keyUsage, algorithmFor(keyLength), modeOfUse, "00", exportability);
    }

    /** Refuses a header whose usage, algorithm or mode of use is not this usage's; the message names both. */
    void requireMatches(Tr31Header header) {
        if (!keyUsage.equals(header.keyUsage())) {
            throw new HsmException("the key block holds a key of TR-31 usage " + header.keyUsage() + " but is presented as a "
                    + name() + " (TR-31 usage " + keyUsage + "); a key can serve only its own usage");
        }
        if (algorithms.indexOf(header.algorithm()) < 0) {
            throw new HsmException("the key block holds a " + name() + " for algorithm " + header.algorithm()
                    + "; a " + name() + " here is for algorithm " + String.join(" or ", algorithms.split("")));
        }
        if (acceptedModes.indexOf(header.modeOfUse()) < 0) {
            throw new HsmException("the key block holds a " + name() + " with mode of use " + header.modeOfUse()
                    + "; a " + name() + " here has mode " + String.join(", ", acceptedModes.split("")));
        }
    }
}
