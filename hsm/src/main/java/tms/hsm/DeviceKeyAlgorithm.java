package tms.hsm;

/** The asymmetric algorithms of remote key injection, for a terminal's key pair and the host's signing key alike. */
public enum DeviceKeyAlgorithm {
    /** RSA: RSA-OAEP-SHA-256 for key transport, RSASSA-PSS-SHA-256 for signatures. */
    RSA,
    /** SM2 on the curve sm2p256v1: GB/T 32918.4 encryption for key transport, GB/T 32918.2 signatures with SM3. */
    SM2
}
