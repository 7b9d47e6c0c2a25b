package tms.gateway;

import java.time.Instant;
import java.util.HexFormat;

import org.apache.ibatis.session.SqlSession;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.hsm.DevicePublicKey;
import tms.hsm.HsmException;
import tms.hsm.KeyAlgorithm;
import tms.hsm.KeyUsage;
import tms.hsm.SecurityModule;
import tms.hsm.WrappedKey;
import tms.hsm.WrappedPrivateKey;
import tms.iso8583.ActivationRequest;
import tms.iso8583.ActivationResponse;
import tms.iso8583.MessageFormatException;
import tms.store.ActivationCode;
import tms.store.ActivationCodeMapper;
import tms.store.AuditEntry;
import tms.store.AuditLogMapper;
import tms.store.NumberBlocks;
import tms.store.Store;
import tms.store.TerminalActivation;
import tms.store.TerminalMapper;
import tms.store.TerminalState;
import tms.store.TerminalStateHistoryMapper;

/**
 * Activation over the air (ours, 0800 with 60.3 = 601; docs/protocol.md): a terminal in stock presents its
 * serial, the code a technician issued and its public key; it gets its TID and MID and a fresh TMK
 * encrypted under its public key, signed by the host. Every refusal has its own response code and an
 * audit record, and changes nothing but the count of wrong codes.
 */
public final class ActivationHandler implements RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ActivationHandler.class);
    /** Wrong codes before the serial is locked until a technician unlocks it. */
    public static final int MAX_WRONG_CODES = 5;
    /** Larger RSA device keys make a TMK and signature that do not fit fields 62 and 59. */
    public static final int MAX_RSA_BITS = 3072;

    static final String UNKNOWN_SERIAL = "97";
    static final String REVOKED = "58";
    static final String LOCKED = "75";
    static final String WRONG_CODE = "55";
    static final String EXPIRED_CODE = "54";
    static final String REPLAYED = "94";
    static final String ALREADY_ACTIVE = "12";
    static final String BAD_DEVICE_KEY = "30";

    private final Store store;
    private final SecurityModule hsm;
    private final HostSigningKeys hostKeys;
    private final HostClock clock;
    private final NumberBlocks tids;

    public ActivationHandler(Store store, SecurityModule hsm, HostSigningKeys hostKeys, HostClock clock) {
        this.store = store;
        this.hsm = hsm;
        this.hostKeys = hostKeys;
        this.clock = clock;
        this.tids = new NumberBlocks(store, "tid", 10);
    }

    @Override
    public boolean requiresMac() {
        return false;
    }

    /** What the transaction decided: a response code, and on success what the answer carries. */
    private record Outcome(String code, String tid, String mid, ActivationResponse keys) {

        static Outcome refused(String code) {
            return new Outcome(code, null, null, null);
        }
    }

    @Override
    public Reply handle(ISOMsg request, Requester requester) throws ISOException, MessageFormatException {
        ActivationRequest activation = ActivationRequest.from(request);
        String serial = activation.serialNumber();
        Instant now = clock.now();
        if (!serial.matches("[A-Za-z0-9-]{1,32}")) {
            LOG.warn("activation refused from {}: serial number '{}' is not 1 to 32 letters, digits or dashes",
                    requester.remoteAddress(), LogText.printable(serial));
            return Reply.plain(ResponseMessage.answering(request, ResponseCodes.INVALID_TRANSACTION));
        }
        DevicePublicKey device;
        try {
            device = DevicePublicKey.fromDer(activation.devicePublicKey());
        } catch (HsmException e) {
            store.write(s -> audit(s, now, requester, serial, "REFUSED", "unusable device key: " + e.getMessage()));
            LOG.warn("activation of {} refused: {}", serial, e.getMessage());
            return Reply.plain(ResponseMessage.answering(request, BAD_DEVICE_KEY));
        }
        if (device.algorithm() == tms.hsm.DeviceKeyAlgorithm.RSA && device.bits() > MAX_RSA_BITS) {
            store.write(s -> audit(s, now, requester, serial, "REFUSED", "RSA device key of " + device.bits()
                    + " bits: its TMK and the host signature would not fit (at most " + MAX_RSA_BITS + ")"));
            return Reply.plain(ResponseMessage.answering(request, BAD_DEVICE_KEY));
        }
        // whatever opens a connection of its own (the host key on first use, a block of TIDs) is fetched before
        // the transaction that holds the terminal's row lock: inside it, it could drain the pool
        WrappedPrivateKey hostKey = hostKeys.privateKey(device.algorithm());
        String freshTid = likelyToSucceed(activation, now) ? String.format("%08d", 60_000_000L + tids.next()) : null;
        Outcome outcome = store.write(s -> decide(s, activation, device, requester, now, hostKey, freshTid,
                request.getString(11)));
        ISOMsg response = ResponseMessage.answering(request, outcome.code());
        clock.stamp(response, now);
        if (outcome.keys() != null) {
            response.set(41, outcome.tid());
            response.set(42, outcome.mid());
            outcome.keys().writeTo(response);
            LOG.info("terminal {} activated as TID {} for merchant {} ({} device key)", serial, outcome.tid(),
                    outcome.mid(), device.algorithm());
        } else {
            LOG.warn("activation of {} from {} refused with {}", serial, requester.remoteAddress(), outcome.code());
        }
        return Reply.plain(response);
    }

    /** A look without locks: whether this request would activate, so that a TID is drawn only then. */
    private boolean likelyToSucceed(ActivationRequest activation, Instant now) {
        String serial = activation.serialNumber();
        TerminalActivation terminal = store.read(s -> s.getMapper(TerminalMapper.class).findActivation(serial));
        if (terminal == null || terminal.tid() != null || terminal.locked()
                || terminal.state() != TerminalState.IN_STOCK) {
            return false;
        }
        ActivationCode code = store.read(s -> s.getMapper(ActivationCodeMapper.class).findLatest(serial));
        return code != null && code.open() && now.isBefore(code.expiresAt()) && plausible(activation.activationCode())
                && hsm.activationCodeMatches(serial, activation.activationCode(), code.codeHash());
    }

    /** A presented code too long to be one of ours is simply a wrong code (55), not a malfunction. */
    private static boolean plausible(String presented) {
        return presented.length() <= 64;
    }

    private Outcome decide(SqlSession s, ActivationRequest activation, DevicePublicKey device, Requester requester,
                           Instant now, WrappedPrivateKey hostKey, String freshTid, String trace) {
        String serial = activation.serialNumber();
        TerminalMapper terminals = s.getMapper(TerminalMapper.class);
        ActivationCodeMapper codes = s.getMapper(ActivationCodeMapper.class);
        TerminalActivation terminal = terminals.findActivationForUpdate(serial);
        if (terminal == null) {
            return refuse(s, now, requester, serial, UNKNOWN_SERIAL, "unknown serial number");
        }
        if (terminal.state() == TerminalState.REVOKED) {
            return refuse(s, now, requester, serial, REVOKED, "terminal is revoked");
        }
        if (terminal.locked()) {
            return refuse(s, now, requester, serial, LOCKED, "locked after " + terminal.failedActivations()
                    + " wrong codes: a technician must unlock it");
        }
        ActivationCode code = codes.findLatest(serial);
        boolean matches = code != null && plausible(activation.activationCode())
                && hsm.activationCodeMatches(serial, activation.activationCode(), code.codeHash());
        if (matches && code.usedAt() != null) {
            return refuse(s, now, requester, serial, REPLAYED, "replay of a used activation code");
        }
        if (terminal.state() == TerminalState.ACTIVE) {
            return refuse(s, now, requester, serial, ALREADY_ACTIVE, "terminal is already active");
        }
        if (!matches || code.withdrawnAt() != null) {
            int tries = terminal.failedActivations() + 1;
            boolean lock = tries >= MAX_WRONG_CODES;
            terminals.recordFailedActivation(serial, lock ? now : null);
            return refuse(s, now, requester, serial, lock ? LOCKED : WRONG_CODE, "wrong activation code (" + tries
                    + " of " + MAX_WRONG_CODES + ")" + (lock ? ": serial locked" : ""));
        }
        if (!now.isBefore(code.expiresAt())) {
            return refuse(s, now, requester, serial, EXPIRED_CODE, "activation code expired at " + code.expiresAt());
        }
        if (terminal.state() != TerminalState.IN_STOCK) {
            return refuse(s, now, requester, serial, ALREADY_ACTIVE, "terminal is " + terminal.state());
        }
        if (codes.markUsed(code.id(), now) != 1) {
            return refuse(s, now, requester, serial, REPLAYED, "the activation code was used concurrently");
        }
        String tid = terminal.tid() != null ? terminal.tid() : freshTid;
        if (tid == null) {
            // the terminal changed between the look and the lock (an unlock, a new code): the device retries
            throw new IllegalStateException("terminal " + serial + " changed while its activation was decided");
        }
        // a national-cipher terminal (sign-in 006) asked for an SM4 TMK; any other gets Triple DES
        KeyAlgorithm cipher = ActivationRequest.SM4.equals(activation.tmkAlgorithm()) ? KeyAlgorithm.SM4 : KeyAlgorithm.TDES;
        WrappedKey tmk = hsm.generateKey(KeyUsage.TMK, cipher, 16);
        byte[] encrypted = hsm.encryptForDevice(tmk, device);
        byte[] signature = hsm.signAsHost(hostKey,
                ActivationResponse.signedData(serial, tid, code.mid(), trace, encrypted, tmk.checkValue()));
        terminals.activate(serial, tid, code.mid(), tmk.encoded(), tmk.checkValueHex(), device.algorithm().name(),
                HexFormat.of().withUpperCase().formatHex(device.der()));
        // the terminal's page shows its state history: the activation belongs there as much as the stock-in
        s.getMapper(TerminalStateHistoryMapper.class).record(serial, terminal.state(), TerminalState.ACTIVE, "activate",
                "TID " + tid + ", merchant " + code.mid() + ", " + device.algorithm() + " device key, " + cipher + " TMK",
                "gateway", now);
        s.getMapper(AuditLogMapper.class).insert(new AuditEntry(null, now, "gateway", "terminal.activate", serial,
                requester.remoteAddress(), "OK", device.algorithm() + " device key sha256 " + device.fingerprint(),
                "state=" + terminal.state(), "state=ACTIVE tid=" + tid + " mid=" + code.mid() + " tmk=" + cipher
                + " tmk-cv=" + tmk.checkValueHex()));
        return new Outcome("00", tid, code.mid(), new ActivationResponse(encrypted, tmk.checkValue(), signature));
    }

    private static Outcome refuse(SqlSession s, Instant now, Requester requester, String serial, String code,
                                  String why) {
        audit(s, now, requester, serial, "REFUSED", why + " (" + code + ")");
        return Outcome.refused(code);
    }

    private static Void audit(SqlSession s, Instant now, Requester requester, String serial, String outcome,
                              String detail) {
        s.getMapper(AuditLogMapper.class).insert(new AuditEntry(null, now, "gateway", "terminal.activate", serial,
                requester.remoteAddress(), outcome, detail.length() > 500 ? detail.substring(0, 500) : detail, null,
                null));
        return null;
    }
}
