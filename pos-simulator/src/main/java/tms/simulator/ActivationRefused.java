package tms.simulator;

/** The host refused to activate the simulated device; the response code says why (docs/protocol.md). */
public final class ActivationRefused extends Exception {

    private final String responseCode;

    public ActivationRefused(String responseCode) {
        super("activation refused with response code " + responseCode);
        this.responseCode = responseCode;
    }

    public String responseCode() {
        return responseCode;
    }
}
