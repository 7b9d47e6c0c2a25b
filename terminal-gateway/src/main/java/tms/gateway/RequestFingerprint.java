package tms.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jpos.iso.ISOMsg;

import tms.hsm.SecurityModule;
import tms.iso8583.CupMessageCodec;
import tms.iso8583.MessageFormatException;

/**
 * What a retransmission is recognised by: SHA-256 over the request's bytes as MACed (MTI through field 63, so a
 * copy MACed under a newer MAK still matches). Where the request carries a card, the card's keyed hash goes
 * first: the stored value then cannot be brute-forced back to the PAN without the security module.
 */
final class RequestFingerprint {

    private RequestFingerprint() {
    }

    static String of(SecurityModule hsm, ISOMsg request) throws MessageFormatException {
        // the codec packs exactly the bytes it unpacked (tested on random mutations), so this is the wire's request
        byte[] macBlock = CupMessageCodec.macBlockInput(CupMessageCodec.pack(request));
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        String pan = CardNumber.of(request);
        if (pan != null) {
            sha256.update(hsm.panHash(pan).getBytes(StandardCharsets.US_ASCII));
        }
        return HexFormat.of().formatHex(sha256.digest(macBlock));
    }
}
