package tms.hsm;

/** Key usages; a key can serve only its own usage. */
public enum KeyUsage {
    /** Terminal master key: encrypts the working keys sent at sign-in. */
    TMK,
    /** PIN key: encrypts PIN blocks from a terminal. */
    PIK,
    /** MAC key: computes field 64. */
    MAK,
    /** Track data key: encrypts track data. */
    TDK,
    /** Zone PIN key: encrypts PIN blocks on the link to the payment platform. */
    ZPK,
    /** Zone master key: encrypts the zone working keys exchanged with the payment platform. */
    ZMK,
    /** Zone MAC key: computes MACs on the link to the payment platform. */
    ZAK,
    /** Base derivation key: the root of a DUKPT key family. */
    BDK,
    /** Key-encryption (transport) key: protects keys exported to a key-loading device. */
    KEK,
    /** Keyed-hash key: PAN and activation-code look-ups; never leaves the module. */
    HASH
}
