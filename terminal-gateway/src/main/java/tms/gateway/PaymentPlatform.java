package tms.gateway;

/** The payment platform that authorises financial messages: the stand-in, or the upstream link. */
public interface PaymentPlatform {

    /** Decides one authorisation; never returns null. */
    PlatformDecision authorise(AuthorisationRequest request);

    /**
     * True when a decision leaves no trace outside this process until the terminal is answered (the stand-in): no
     * card was authorised anywhere, so a crash before the commit loses nothing anyone relies on, and the captured
     * row can be written once, with its decision, instead of reserving its key in a PENDING row first. False (the
     * default) for a platform across a network, whose approval exists as soon as it is given.
     */
    default boolean decidesInProcess() {
        return false;
    }
}
