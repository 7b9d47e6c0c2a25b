package tms.gateway;

/** The payment platform that authorises financial messages: the stand-in, or the upstream link. */
public interface PaymentPlatform {

    /** Decides one authorisation; never returns null. */
    PlatformDecision authorise(AuthorisationRequest request);
}
