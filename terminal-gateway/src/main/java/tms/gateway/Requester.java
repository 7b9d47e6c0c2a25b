package tms.gateway;

import tms.hsm.WrappedKey;
import tms.store.SignedInTerminal;

/**
 * Who sent a request: the connection's remote address and, for kinds that carry a MAC, the signed-in
 * terminal whose MAK verified it (the same MAK then MACs the answer).
 */
public record Requester(String remoteAddress, SignedInTerminal terminal, WrappedKey mak) {

    static Requester anonymous(String remoteAddress) {
        return new Requester(remoteAddress, null, null);
    }
}
