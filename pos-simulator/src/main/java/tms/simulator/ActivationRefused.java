package tms.simulator;

/**
 * The host refused to activate the simulated device, or to hand it a new TMK; the response code says why
 * (docs/protocol.md).
 */
public final class ActivationRefused extends Exception {

    private final String responseCode;

    public ActivationRefused(String responseCode) {
        this("activation", responseCode);
    }

    /** @param step what was refused, e.g. "TMK download" */
    public ActivationRefused(String step, String responseCode) {
        super(step + " refused with response code " + responseCode);
        this.responseCode = responseCode;
    }

    public String responseCode() {
        return responseCode;
    }
}
