package tms.simulator;

/** What a sign-in gave the terminal: the response code, the batch, and the working keys' check values. */
public record SignInResult(String responseCode, String batch, String pikCheckValue, String makCheckValue,
                           String tdkCheckValue) {

    public boolean approved() {
        return "00".equals(responseCode);
    }
}
