package tms.gateway;

/** The response codes the host uses (PROTOCOL.md §6). */
public final class ResponseCodes {

    public static final String APPROVED = "00";
    public static final String INVALID_MERCHANT = "03";
    public static final String INVALID_TRANSACTION = "12";
    public static final String INVALID_AMOUNT = "13";
    public static final String INVALID_CARD = "14";
    public static final String ORIGINAL_NOT_FOUND = "25";
    public static final String OVER_LIMIT = "61";
    public static final String ORIGINAL_AMOUNT_MISMATCH = "64";
    public static final String NOT_PERMITTED = "58";
    /** The PIN block cannot be a PIN for this card (it does not decrypt to one under the terminal's PIK). */
    public static final String WRONG_PIN = "55";
    public static final String DUPLICATE = "94";
    public static final String SYSTEM_MALFUNCTION = "96";
    /** The upstream platform did not answer in time (or its answer was lost or unusable); a reversal follows. */
    public static final String UPSTREAM_TIMEOUT = "98";
    public static final String NOT_REGISTERED = "97";
    public static final String MAC_FAILURE = "A0";

    private ResponseCodes() {
    }
}
