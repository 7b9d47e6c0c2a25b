package tms.hsm;

/** Key usages; a key can serve only its own usage. */
public enum KeyUsage {
    /** Terminal master key: encrypts the working keys sent at sign-in. */
    TMK,
    /** PIN key: encrypts PIN blocks. */
    PIK,
    /** MAC key: computes field 64. */
    MAK,
    /** Track data key: encrypts track data. */
    TDK
}
