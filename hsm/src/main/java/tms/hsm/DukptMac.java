package tms.hsm;

/**
 * MACs between a DUKPT device and the host: X9.19 under the request or response variant (TDES BDK, X9.24-1), or
 * AES-CMAC under the MAC generation key (the device's requests) or the MAC verification key (the host's responses)
 * of an AES BDK (X9.24-3).
 */
final class DukptMac {

    private DukptMac() {
    }

    /** Whether the device's MAC over a request (its leftmost bytes, as {@link TdesDukpt} and {@link AesDukpt} allow) is right. */
    static boolean verifyRequest(KeyAlgorithm bdkAlgorithm, byte[] bdk, byte[] ksn, byte[] data, byte[] receivedMac) {
        if (bdkAlgorithm == KeyAlgorithm.TDES) {
            return TdesDukpt.verifyMac(bdk, ksn, TdesDukpt.Variant.MAC_REQUEST, data, receivedMac);
        }
        return AesDukpt.verifyCmac(bdk, ksn, AesDukpt.Usage.MAC_GENERATION, AesDukpt.workingKeyTypeOf(bdk), data,
                receivedMac);
    }

    /** The host's full MAC over a response: 8 bytes for TDES, 16 for AES. */
    static byte[] response(KeyAlgorithm bdkAlgorithm, byte[] bdk, byte[] ksn, byte[] data) {
        if (bdkAlgorithm == KeyAlgorithm.TDES) {
            return TdesDukpt.mac(bdk, ksn, TdesDukpt.Variant.MAC_RESPONSE, data);
        }
        return AesDukpt.cmac(bdk, ksn, AesDukpt.Usage.MAC_VERIFICATION, AesDukpt.workingKeyTypeOf(bdk), data);
    }
}
