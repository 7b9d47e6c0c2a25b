package tms.gateway;

/** The platform's answer: a response code and, for approvals, an authorisation code and balance. */
public record PlatformDecision(String responseCode, String authCode, Long balance) {

    public boolean approved() {
        return "00".equals(responseCode);
    }

    public static PlatformDecision decline(String code) {
        return new PlatformDecision(code, null, null);
    }
}
