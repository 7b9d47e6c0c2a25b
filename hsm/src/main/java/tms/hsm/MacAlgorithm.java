package tms.hsm;

/** The MAC algorithms a MAK (terminal) or ZAK (zone) can run, each a profile some terminals or platforms use. */
public enum MacAlgorithm {
    /**
     * The CUP "ECB" MAC of PROTOCOL.md §4: 8 ASCII bytes (the first 8 hex characters of the final block); DES for an
     * 8-byte key, 3DES for 16, SM4 on 16-byte blocks for an SM4 key.
     */
    CUP_ECB,
    /** ANSI X9.19 retail MAC (ISO/IEC 9797-1 algorithm 3, zero padding) under a 16-byte TDES key; 8 bytes. */
    X9_19,
    /** ANSI X9.9 (ISO/IEC 9797-1 algorithm 1, single DES CBC, zero padding) under an 8-byte DES key; 8 bytes. */
    X9_9
}
