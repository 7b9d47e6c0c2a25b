package tms.iso8583;

import java.util.Optional;
import java.util.Set;
import org.jpos.iso.ISOMsg;

/**
 * What a terminal's request is (PROTOCOL.md §3): identified by MTI, processing code (field 3), 60.1 and, for
 * network management, 60.3. {@code null} attributes are not part of a kind's identity.
 */
public enum MessageKind {
    /** Sign-in: 001 single-length keys, 003 double-length PIK + MAK, 004 plus TDK, 006 SM4 keys. */
    SIGN_IN("0800", null, null, "00", Set.of("001", "003", "004", "006")),
    /** Sign-off. */
    SIGN_OFF("0820", null, null, "00", Set.of("002")),
    /** Activation over the air (ours, docs/protocol.md): serial, code and device key in; TMK under that key out. */
    ACTIVATION("0800", null, null, "00", Set.of("601")),
    /** TMK download (ours, docs/protocol.md): a terminal told a new TMK waits fetches it, under its device key. */
    TMK_DOWNLOAD("0800", null, null, "00", Set.of("602")),
    /** TMK confirmation (ours): the terminal reports the new TMK's check value; the host switches to it. */
    TMK_CONFIRMATION("0800", null, null, "00", Set.of("603")),
    /** Echo test, the terminal's keep-alive. */
    ECHO_TEST("0820", null, null, "00", Set.of("301")),
    /** IC card public key download (370 query, 371 download, 372 end). */
    IC_PUBLIC_KEY_DOWNLOAD("0800", null, null, "00", Set.of("370", "371", "372")),
    /** IC card parameter download (380 query, 381 download, 382 end). */
    IC_PARAMETER_DOWNLOAD("0800", null, null, "00", Set.of("380", "381", "382")),
    /** Balance inquiry. */
    BALANCE_INQUIRY("0200", "310000", "00", "01", Set.of()),
    /** Purchase. */
    PURCHASE("0200", "000000", "00", "22", Set.of()),
    /** Void of a purchase. */
    PURCHASE_VOID("0200", "200000", "00", "23", Set.of()),
    /** Refund (an advice: the terminal does not reverse it). */
    REFUND("0220", "200000", "00", "25", Set.of()),
    /** Pre-authorisation. */
    PRE_AUTH("0100", "030000", "06", "10", Set.of()),
    /** Void of a pre-authorisation. */
    PRE_AUTH_VOID("0100", "200000", "06", "11", Set.of()),
    /** Pre-authorisation completion (online). */
    PRE_AUTH_COMPLETION("0200", "000000", "06", "20", Set.of()),
    /** Void of a pre-authorisation completion. */
    PRE_AUTH_COMPLETION_VOID("0200", "200000", "06", "21", Set.of()),
    /** Reversal: fields 3, 25 and 60 are those of the transaction it reverses. */
    REVERSAL("0400", null, null, null, Set.of()),
    /** Settlement, field 48 carries the totals. */
    SETTLEMENT("0500", null, null, "00", Set.of("201")),
    /** Batch upload, one transaction detail per message. */
    BATCH_UPLOAD("0320", null, null, "00", Set.of("201")),
    /** End of batch upload: 207 when settlement balanced, 202 when it did not. */
    BATCH_UPLOAD_END("0320", null, null, "00", Set.of("202", "207"));

    private final String requestMti;
    private final String processingCode;
    private final String conditionCode;
    private final String typeCode;
    private final Set<String> networkCodes;

    MessageKind(String requestMti, String processingCode, String conditionCode, String typeCode, Set<String> networkCodes) {
        this.requestMti = requestMti;
        this.processingCode = processingCode;
        this.conditionCode = conditionCode;
        this.typeCode = typeCode;
        this.networkCodes = networkCodes;
    }

    /** @return the request's MTI, e.g. 0200 */
    public String requestMti() {
        return requestMti;
    }

    /** @return the response's MTI: the request's with the third digit raised by one (0200 → 0210) */
    public String responseMti() {
        return requestMti.substring(0, 2) + (char) (requestMti.charAt(2) + 1) + requestMti.charAt(3);
    }

    /** @return field 3, or {@code null} where the kind has none of its own (network management, reversal) */
    public String processingCode() {
        return processingCode;
    }

    /** @return field 25 a terminal sends (00 normal, 06 pre-auth), or {@code null} where not fixed */
    public String conditionCode() {
        return conditionCode;
    }

    /** @return 60.1, or {@code null} for a reversal (which repeats the original's) */
    public String typeCode() {
        return typeCode;
    }

    /** @return the 60.3 codes of a network management kind, empty for financial kinds */
    public Set<String> networkCodes() {
        return networkCodes;
    }

    /**
     * Identifies a request.
     *
     * @param request an unpacked request
     * @return its kind, or empty if the message is not a request this dialect knows (a malformed field 60
     *         included)
     */
    public static Optional<MessageKind> of(ISOMsg request) {
        if (request == null) {
            return Optional.empty();
        }
        String mti;
        try {
            mti = request.hasMTI() ? request.getMTI() : null;
        } catch (org.jpos.iso.ISOException e) {
            return Optional.empty(); // an inner message has no MTI: it is not a request
        }
        if (mti == null) {
            return Optional.empty();
        }
        String processing = request.getString(3);
        Field60 field60 = null;
        if (request.hasField(60)) {
            try {
                field60 = Field60.parse(request.getString(60));
            } catch (MessageFormatException e) {
                return Optional.empty();
            }
        }
        for (MessageKind kind : values()) {
            if (kind.matches(mti, processing, field60)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    private boolean matches(String mti, String processing, Field60 field60) {
        if (!requestMti.equals(mti)) {
            return false;
        }
        if (processingCode != null && !processingCode.equals(processing)) {
            return false;
        }
        if (typeCode != null && (field60 == null || !typeCode.equals(field60.typeCode()))) {
            return false;
        }
        return networkCodes.isEmpty() || field60 != null && networkCodes.contains(field60.networkCode());
    }
}
