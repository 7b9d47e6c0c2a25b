package tms.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a retransmission is recognised by: SHA-256 over the request's bytes as MACed (MTI through field 63, as
 * received, so a copy MACed under a newer MAK still matches). Where the request carries a card, the card's keyed
 * hash goes first: the stored value then cannot be brute-forced back to the PAN without the security module.
 */
final class RequestFingerprint {

    private RequestFingerprint() {
    }

    /**
     * @param panHash       the card's keyed hash (the one stored with the row), or null for a request without a card
     * @param macBlockInput the request's bytes from the MTI through field 63 ({@link Requester#macBlockInput})
     */
    static String of(String panHash, byte[] macBlockInput) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        if (panHash != null) {
            sha256.update(panHash.getBytes(StandardCharsets.US_ASCII));
        }
        return HexFormat.of().formatHex(sha256.digest(macBlockInput));
    }
}
