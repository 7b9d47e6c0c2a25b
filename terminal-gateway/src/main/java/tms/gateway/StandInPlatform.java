package tms.gateway;

import java.security.SecureRandom;
import java.util.Map;

import tms.store.TransactionKind;

/** The built-in stand-in platform: decides by configurable rules, so the system runs with no upstream. */
public final class StandInPlatform implements PaymentPlatform {

    private final StandInRules rules;
    private final SecureRandom random = new SecureRandom();

    public StandInPlatform(StandInRules rules) {
        this.rules = rules;
    }

    @Override
    public PlatformDecision authorise(AuthorisationRequest request) {
        for (Map.Entry<String, String> rule : rules.panSuffixCodes().entrySet()) {
            if (request.pan().endsWith(rule.getKey())) {
                return PlatformDecision.decline(rule.getValue());
            }
        }
        if (request.kind() == TransactionKind.BALANCE_INQUIRY) {
            return new PlatformDecision("00", authCode(), rules.balance());
        }
        if (request.amount() > rules.amountLimit()) {
            return PlatformDecision.decline("61");
        }
        return new PlatformDecision("00", authCode(), null);
    }

    /** Its rules read only the request: deciding twice changes nothing and nothing outside remembers it. */
    @Override
    public boolean decidesInProcess() {
        return true;
    }

    private String authCode() {
        return String.format("%06d", random.nextInt(1_000_000));
    }
}
