package tms.gateway;

import tms.hsm.WrappedKey;
import tms.store.SignedInTerminal;

/**
 * Who sent a request: the connection's remote address, the TID that signed in on this connection (if
 * any), and, for kinds that carry a MAC, the signed-in terminal whose MAK verified it (the same MAK then
 * MACs the answer).
 */
public record Requester(String remoteAddress, String connectionTid, SignedInTerminal terminal, WrappedKey mak) {

    static Requester unverified(String remoteAddress, String connectionTid) {
        return new Requester(remoteAddress, connectionTid, null, null);
    }
}
