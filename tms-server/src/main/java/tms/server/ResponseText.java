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
}
