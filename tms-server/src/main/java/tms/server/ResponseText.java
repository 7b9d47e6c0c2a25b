package tms.server;

/** Words for the response codes of PROTOCOL.md §6, for people reading the simulator's output. */
final class ResponseText {

    private ResponseText() {
    }

    static String of(String code) {
        if (code == null) {
            return "(none)";
        }
        return switch (code) {
            case "00" -> "(approved)";
            case "03" -> "(invalid merchant)";
            case "12" -> "(invalid transaction)";
            case "13" -> "(invalid amount)";
            case "14" -> "(invalid card)";
            case "25" -> "(original not found)";
            case "51" -> "(insufficient funds)";
            case "55" -> "(wrong PIN)";
            case "58" -> "(not permitted on this terminal)";
            case "61" -> "(over limit)";
            case "64" -> "(original amount mismatch)";
            case "94" -> "(duplicate)";
            case "96" -> "(system malfunction)";
            case "97" -> "(terminal not registered)";
            case "98" -> "(upstream timeout)";
            case "A0" -> "(MAC failure: sign in again)";
            default -> "";
        };
    }

    /** Activation answers use some codes in a sense of their own (docs/protocol.md). */
    static String ofActivation(String code) {
        return switch (code) {
            case "97" -> "(unknown serial number)";
            case "58" -> "(terminal revoked)";
            case "75" -> "(locked after too many wrong codes: a technician must unlock it)";
            case "55" -> "(wrong activation code)";
            case "54" -> "(activation code expired: ask for a new one)";
            case "94" -> "(activation code already used)";
            case "12" -> "(terminal already active, or the request is malformed)";
            case "30" -> "(device key not acceptable)";
            default -> of(code);
        };
    }
}
