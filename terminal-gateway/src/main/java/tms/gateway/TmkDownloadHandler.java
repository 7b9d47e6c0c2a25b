package tms.gateway;

import java.time.Instant;
import java.util.HexFormat;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.hsm.DevicePublicKey;
import tms.hsm.SecurityModule;
import tms.hsm.WrappedKey;
import tms.hsm.WrappedPrivateKey;
import tms.iso8583.ActivationResponse;
import tms.store.AuditEntry;
import tms.store.AuditLogMapper;
import tms.store.PendingTmk;
import tms.store.Store;
import tms.store.TerminalMapper;

/**
 * TMK download (ours, 0800 with 60.3 = 602; docs/protocol.md): a terminal told by processing requirement 8
 * that a new TMK waits fetches it, encrypted under the device key it registered at activation and signed by
 * the host, exactly as at activation. The old TMK stays in force until the terminal confirms (603), so a
 * download that never arrives costs nothing; asking again gets the same key, freshly encrypted.
 */
public final class TmkDownloadHandler implements RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TmkDownloadHandler.class);

    private final Store store;
    private final SecurityModule hsm;
    private final HostSigningKeys hostKeys;
    private final HostClock clock;

    public TmkDownloadHandler(Store store, SecurityModule hsm, HostSigningKeys hostKeys, HostClock clock) {
        this.store = store;
        this.hsm = hsm;
        this.hostKeys = hostKeys;
        this.clock = clock;
    }

    @Override
    public boolean requiresMac() {
        // the answer is useless to anyone but the device holding the private key, and the terminal may have
        // lost its working keys: asking needs no MAC
        return false;
    }

    @Override
    public Reply handle(ISOMsg request, Requester requester) throws ISOException {
        String tid = request.getString(41);
        Instant now = clock.now();
        PendingTmk terminal = tid == null ? null : store.read(s -> s.getMapper(TerminalMapper.class).findPendingTmk(tid));
        String refusal = TmkRequests.refusal(terminal, request, requester, "TMK download");
        if (refusal != null) {
            return Reply.plain(ResponseMessage.answering(request, refusal));
        }
        if (!terminal.ordered()) {
            LOG.warn("TMK download refused: no new TMK waits for terminal {}", tid);
            return Reply.plain(ResponseMessage.answering(request, ResponseCodes.INVALID_TRANSACTION));
        }
        DevicePublicKey device = DevicePublicKey.fromDer(HexFormat.of().parseHex(terminal.devicePublicKey()));
        WrappedPrivateKey hostKey = hostKeys.privateKey(device.algorithm());
        WrappedKey tmk = WrappedKey.decode(terminal.pendingTmkWrapped());
        byte[] encrypted = hsm.encryptForDevice(tmk, device);
        byte[] signature = hsm.signAsHost(hostKey, ActivationResponse.signedData(terminal.serialNumber(), tid,
                terminal.mid(), request.getString(11), encrypted, tmk.checkValue()));
        store.write(s -> {
            if (s.getMapper(TerminalMapper.class).markPendingTmkSent(tid, now) == 1) {
                s.getMapper(AuditLogMapper.class).insert(new AuditEntry(null, now, "gateway", "terminal.tmk-sent",
                        terminal.serialNumber(), requester.remoteAddress(), "OK", "new TMK sent under the "
                        + device.algorithm() + " device key, awaiting confirmation", null,
                        "pending-tmk-cv=" + terminal.pendingTmkCheckValue()));
            }
            return null;
        });
        ISOMsg response = ResponseMessage.answering(request, ResponseCodes.APPROVED);
        clock.stamp(response, now);
        response.set(41, tid);
        response.set(42, terminal.mid());
        new ActivationResponse(encrypted, tmk.checkValue(), signature).writeTo(response);
        LOG.info("terminal {}: new TMK sent (check value {}), awaiting confirmation", tid, tmk.checkValueHex());
        return Reply.plain(response);
    }
}
