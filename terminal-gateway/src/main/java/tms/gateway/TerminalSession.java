package tms.gateway;

import java.time.Instant;

import tms.hsm.WrappedKey;

/**
 * What one connection knows about its terminal after sign-in. Confined to the connection's
 * business thread (Netty runs a channel's handlers on one executor), so it needs no locking.
 */
public final class TerminalSession {

    private final String remoteAddress;
    private String tid;
    private String mid;
    private String batch;
    private WrappedKey pik;
    private WrappedKey mak;
    private WrappedKey tdk;
    private Instant signedInAt;

    public TerminalSession(String remoteAddress) {
        this.remoteAddress = remoteAddress;
    }

    void signedIn(String tid, String mid, String batch, WrappedKey pik, WrappedKey mak, WrappedKey tdk,
                  Instant at) {
        this.tid = tid;
        this.mid = mid;
        this.batch = batch;
        this.pik = pik;
        this.mak = mak;
        this.tdk = tdk;
        this.signedInAt = at;
    }

    void signedOff() {
        this.pik = null;
        this.mak = null;
        this.tdk = null;
        this.signedInAt = null;
    }

    public boolean isSignedIn() {
        return mak != null;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    public String tid() {
        return tid;
    }

    public String mid() {
        return mid;
    }

    public String batch() {
        return batch;
    }

    public WrappedKey mak() {
        return mak;
    }

    public WrappedKey pik() {
        return pik;
    }

    public WrappedKey tdk() {
        return tdk;
    }

    public Instant signedInAt() {
        return signedInAt;
    }
}
