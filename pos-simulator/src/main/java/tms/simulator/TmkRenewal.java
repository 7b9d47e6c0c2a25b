package tms.simulator;

import java.io.IOException;
import java.util.HexFormat;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import tms.hsm.DeviceKeyPair;
import tms.hsm.HostPublicKey;
import tms.hsm.KeyUsage;
import tms.hsm.SecurityModule;
import tms.hsm.WrappedKey;
import tms.iso8583.ActivationResponse;
import tms.iso8583.Field60;
import tms.iso8583.MessageFormatException;
import tms.iso8583.TmkConfirmation;

/**
 * What a terminal does when an answer's processing requirement is 8 (a new TMK waits, docs/protocol.md): it
 * downloads the key (602), checks the host's signature, unwraps it with its device key, confirms it (603) and
 * only then puts it in place of the old one; the host's answer to the confirmation (requirement 3) sends it
 * to sign in again.
 */
public final class TmkRenewal {

    /** The processing requirement that announces a waiting TMK. */
    public static final int NEW_TMK_WAITS = 8;

    private TmkRenewal() {
    }

    /**
     * @return the check value of the TMK now in use
     * @throws ActivationRefused with the host's response code when it refuses the download or the confirmation
     * @throws IOException when an answer is unreadable or not signed by the host key this device holds
     */
    public static String renew(SimulatedTerminal connection, SecurityModule deviceKeys, DeviceKeyPair device,
                               HostPublicKey hostKey) throws IOException, ActivationRefused {
        TerminalProfile profile = connection.profile();
        try {
            ISOMsg download = request(profile, "602");
            ISOMsg answer = connection.exchange(download, false);
            if (!"00".equals(answer.getString(39))) {
                throw new ActivationRefused("TMK download", answer.getString(39));
            }
            ActivationResponse keys = ActivationResponse.from(answer);
            byte[] signed = ActivationResponse.signedData(profile.serialNumber(), profile.tid(), profile.mid(),
                    download.getString(11), keys.encryptedTmk(), keys.tmkCheckValue());
            if (!device.verifyHostSignature(hostKey, signed, keys.signature())) {
                throw new IOException("the TMK download answer is not signed by the host key this device holds (sha256 "
                        + hostKey.fingerprint() + "): keeping the old TMK");
            }
            // a re-key keeps the terminal's cipher: the new TMK is of the old one's algorithm
            WrappedKey tmk = deviceKeys.importFromHost(KeyUsage.TMK, profile.tmk().algorithm(), keys.encryptedTmk(),
                    device, keys.tmkCheckValue());

            ISOMsg confirm = request(profile, TmkConfirmation.NETWORK_CODE);
            new TmkConfirmation(tmk.checkValue()).writeTo(confirm);
            String code = connection.exchange(confirm, false).getString(39);
            if (!"00".equals(code)) {
                throw new ActivationRefused("TMK confirmation", code);
            }
            profile.replaceTmk(tmk);
            return HexFormat.of().withUpperCase().formatHex(tmk.checkValue());
        } catch (ISOException | MessageFormatException e) {
            throw new IOException("the TMK download could not be read: " + e.getMessage(), e);
        }
    }

    private static ISOMsg request(TerminalProfile profile, String networkCode) throws ISOException {
        ISOMsg request = new ISOMsg();
        request.setMTI("0800");
        request.set(11, profile.nextTrace());
        request.set(41, profile.tid());
        request.set(42, profile.mid());
        request.set(60, Field60.of("00", profile.batch(), networkCode).format());
        return request;
    }
}
