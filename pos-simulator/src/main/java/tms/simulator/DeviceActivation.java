package tms.simulator;

import java.io.IOException;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import tms.hsm.DeviceKeyPair;
import tms.hsm.HostPublicKey;
import tms.hsm.KeyAlgorithm;
import tms.hsm.KeyUsage;
import tms.hsm.SecurityModule;
import tms.hsm.WrappedKey;
import tms.iso8583.ActivationRequest;
import tms.iso8583.ActivationResponse;
import tms.iso8583.Field60;
import tms.iso8583.MessageFormatException;

/**
 * A new device activating over the air: it sends its serial, the technician's code and its public key,
 * checks the host's signature with the host public key it was built with, and imports the TMK into its own
 * key store. The result is the terminal's profile, ready to sign in.
 */
public final class DeviceActivation {

    private DeviceActivation() {
    }

    /**
     * @param connection an open connection to the gateway; its profile is a placeholder for the exchange
     * @throws ActivationRefused with the host's response code when it refuses
     * @throws IOException when the answer is unreadable or its signature does not verify
     */
    public static TerminalProfile activate(SimulatedTerminal connection, SecurityModule deviceKeys, DeviceKeyPair device,
                                           HostPublicKey hostKey, String serialNumber, String model, String code)
            throws IOException, ActivationRefused {
        return activate(connection, deviceKeys, device, hostKey, serialNumber, model, code, KeyAlgorithm.TDES);
    }

    /**
     * @param tmkCipher TDES for a terminal of the classic profile, SM4 for the national-cipher one (sign-in 006)
     */
    public static TerminalProfile activate(SimulatedTerminal connection, SecurityModule deviceKeys, DeviceKeyPair device,
                                           HostPublicKey hostKey, String serialNumber, String model, String code,
                                           KeyAlgorithm tmkCipher) throws IOException, ActivationRefused {
        ISOMsg request = new ISOMsg();
        ISOMsg response;
        try {
            request.setMTI("0800");
            request.set(11, connection.profile().nextTrace());
            request.set(60, Field60.of("00", "000000", ActivationRequest.NETWORK_CODE).format());
            new ActivationRequest(serialNumber, model, code, device.publicKeyDer(),
                    tmkCipher == KeyAlgorithm.SM4 ? ActivationRequest.SM4 : ActivationRequest.TDES).writeTo(request);
            response = connection.exchange(request, false);
        } catch (ISOException e) {
            throw new IOException("the activation request could not be built: " + e.getMessage(), e);
        }
        String responseCode = response.getString(39);
        if (!"00".equals(responseCode)) {
            throw new ActivationRefused(responseCode);
        }
        String tid = response.getString(41);
        String mid = response.getString(42);
        ActivationResponse keys;
        try {
            keys = ActivationResponse.from(response);
        } catch (MessageFormatException e) {
            throw new IOException("the activation answer could not be read: " + e.getMessage(), e);
        }
        byte[] signed;
        try {
            signed = ActivationResponse.signedData(serialNumber, tid, mid, request.getString(11), keys.encryptedTmk(),
                    keys.tmkCheckValue());
        } catch (IllegalArgumentException e) {
            throw new IOException("the activation answer's TID or MID is malformed: " + e.getMessage(), e);
        }
        if (!device.verifyHostSignature(hostKey, signed, keys.signature())) {
            throw new IOException("the activation answer is not signed by the host key this device holds (sha256 "
                    + hostKey.fingerprint() + "): refusing its TMK");
        }
        WrappedKey tmk = deviceKeys.importFromHost(KeyUsage.TMK, tmkCipher, keys.encryptedTmk(), device,
                keys.tmkCheckValue());
        return new TerminalProfile(serialNumber, tid, mid, tmk, 0);
    }

}
