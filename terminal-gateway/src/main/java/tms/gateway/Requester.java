package tms.gateway;

import tms.hsm.WrappedKey;
import tms.store.SignedInTerminal;

/**
 * Who sent a request: the connection's remote address, the TID that signed in on this connection (if
 * any), and, for kinds that carry a MAC, the signed-in terminal whose MAK verified it (the same MAK then
 * MACs the answer) and the request's bytes that MAC covered (MTI through field 63, as received), by which a
 * retransmission is recognised.
 */
public record Requester(String remoteAddress, String connectionTid, SignedInTerminal terminal, WrappedKey mak,
                        byte[] macBlockInput) {

    static Requester unverified(String remoteAddress, String connectionTid) {
        return new Requester(remoteAddress, connectionTid, null, null, null);
    }
}
