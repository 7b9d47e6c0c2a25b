package tms.simulator;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import tms.hsm.KeyUsage;
import tms.hsm.SecurityModule;
import tms.hsm.WrappedKey;
import tms.iso8583.CupMessageCodec;
import tms.iso8583.BatchUploadDetails;
import tms.iso8583.Field60;
import tms.iso8583.Frame;
import tms.iso8583.MessageFormatException;
import tms.iso8583.OriginalData;
import tms.iso8583.SettlementTotals;
import tms.iso8583.SignInKeyLayout;
import tms.iso8583.WorkingKeys;

/**
 * A POS terminal in software: one TCP connection to the gateway, signing in, buying, voiding, refunding,
 * pre-authorising and completing, reversing, asking balances, settling and uploading its batch in the CUP dialect. Its keys live in its own
 * security module, as a real terminal's live in its PSAM; its journal of approved transactions lives with the
 * connection (a test drives one batch per terminal object).
 */
public final class SimulatedTerminal implements AutoCloseable {

    private static final byte[] TPDU = HexFormat.of().parseHex("6006010000");
    /** Magstripe application, spec 31, normal status, software version 311301. */
    private static final byte[] HEADER = HexFormat.of().parseHex("603100311301");

    private final TerminalProfile profile;
    private final SecurityModule hsm;
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int lastProcessingNibble;
    /** The approved transactions of the current batch, in the order they were approved; tests may alter it. */
    private final List<JournalEntry> journal = new ArrayList<>();
    /**
     * The last financial request sent, for a reversal to repeat its fields: as a CUP terminal keeps one pending
     * reversal, and so that a long load run does not keep every request it made.
     */
    private ISOMsg lastSent;

    public SimulatedTerminal(TerminalProfile profile, SecurityModule hsm, String host, int port, Duration timeout)
            throws IOException {
        this.profile = profile;
        this.hsm = hsm;
        this.socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        socket.setTcpNoDelay(true);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Signs in with 60.3 = 001, 003, 004 or (SM4 terminals) 006 and keeps the working keys the host sent. */
    public SignInResult signIn(String networkCode) throws IOException {
        ISOMsg request = new ISOMsg();
        try {
            request.setMTI("0800");
            request.set(11, profile.nextTrace());
            request.set(41, profile.tid());
            request.set(42, profile.mid());
            request.set(60, Field60.of("00", profile.batch(), networkCode).format());
            request.set(63, "001");
            ISOMsg response = exchange(request, false);
            String code = response.getString(39);
            if (!"00".equals(code)) {
                return new SignInResult(code, null, null, null, null);
            }
            // 004 and 006 are both 60 bytes: the layout asked for, not the length, says which it is
            WorkingKeys keys = WorkingKeys.decode(response.getBytes(62),
                    SignInKeyLayout.forNetworkCode(networkCode, response.getBytes(62).length == 32));
            WrappedKey pik = hsm.importUnderKek(KeyUsage.PIK, keys.pik(), profile.tmk(), keys.pikCheckValue());
            WrappedKey newMak = hsm.importUnderKek(KeyUsage.MAK, keys.mak(), profile.tmk(), keys.makCheckValue());
            WrappedKey tdk = keys.tdk() == null ? null
                    : hsm.importUnderKek(KeyUsage.TDK, keys.tdk(), profile.tmk(), keys.tdkCheckValue());
            String batch = Field60.parse(response.getString(60)).batch();
            profile.signedIn(newMak, batch);
            return new SignInResult(code, batch, pik.checkValueHex(), newMak.checkValueHex(),
                    tdk == null ? null : tdk.checkValueHex());
        } catch (ISOException | MessageFormatException e) {
            throw new IOException("the sign-in response could not be read: " + e.getMessage(), e);
        }
    }

    /** A magstripe purchase of {@code amountFen} with the given card, without PIN. */
    public TransactionResult purchase(long amountFen, String pan) throws IOException {
        return financial(Request.PURCHASE, amountFen, pan, null);
    }

    public TransactionResult balanceInquiry(String pan) throws IOException {
        return financial(Request.BALANCE_INQUIRY, -1, pan, null);
    }

    /** Voids an approved purchase of this batch: 0200, 200000, 60.1 = 23, 37 its RRN, 61 its batch and trace. */
    public TransactionResult purchaseVoid(TransactionResult purchase, long amountFen, String pan) throws IOException {
        return financial(Request.PURCHASE_VOID, amountFen, pan, purchase);
    }

    /** Refunds (part of) an approved purchase of any batch: 0220, 200000, 60.1 = 25, 37 and 61 as for a void. */
    public TransactionResult refund(TransactionResult purchase, long amountFen, String pan) throws IOException {
        return financial(Request.REFUND, amountFen, pan, purchase);
    }

    /** Holds {@code amountFen} on the card: 0100, 030000, 25 = 06, 60.1 = 10; not in the batch's totals. */
    public TransactionResult preAuthorisation(long amountFen, String pan) throws IOException {
        return financial(Request.PRE_AUTH, amountFen, pan, null);
    }

    /** Releases a pre-authorisation: 0100, 200000, 25 = 06, 60.1 = 11, 37 and 38 its RRN and auth code, 61 it. */
    public TransactionResult preAuthorisationVoid(TransactionResult preAuth, long amountFen, String pan)
            throws IOException {
        return financial(Request.PRE_AUTH_VOID, amountFen, pan, preAuth);
    }

    /**
     * Completes a pre-authorisation of any batch for up to its amount: 0200, 000000, 25 = 06, 60.1 = 20, 38 its
     * auth code, 61 its batch, trace and date; a debit in this batch.
     */
    public TransactionResult completion(TransactionResult preAuth, long amountFen, String pan) throws IOException {
        return financial(Request.COMPLETION, amountFen, pan, preAuth);
    }

    /** Voids a completion: 0200, 200000, 25 = 06, 60.1 = 21, 37 and 38 its RRN and auth code, 61 it; a credit. */
    public TransactionResult completionVoid(TransactionResult completion, long amountFen, String pan)
            throws IOException {
        return financial(Request.COMPLETION_VOID, amountFen, pan, completion);
    }

    /**
     * A financial request's identity (PROTOCOL.md §3), which references to its original it carries (37 the
     * RRN, 38 the auth code; 61 always when there is an original, with its date for the pre-auth family), and
     * whether it counts in the batch's totals, so goes into the journal.
     */
    private enum Request {
        PURCHASE("0200", "000000", "00", "22", false, false, true),
        BALANCE_INQUIRY("0200", "310000", "00", "01", false, false, false),
        PURCHASE_VOID("0200", "200000", "00", "23", true, false, true),
        REFUND("0220", "200000", "00", "25", true, false, true),
        PRE_AUTH("0100", "030000", "06", "10", false, false, false),
        PRE_AUTH_VOID("0100", "200000", "06", "11", true, true, false),
        COMPLETION("0200", "000000", "06", "20", false, true, true),
        COMPLETION_VOID("0200", "200000", "06", "21", true, true, true);

        final String mti;
        final String processingCode;
        final String conditionCode;
        final String typeCode;
        final boolean sendsRrn;
        final boolean sendsAuthCode;
        final boolean settled;

        Request(String mti, String processingCode, String conditionCode, String typeCode, boolean sendsRrn,
                boolean sendsAuthCode, boolean settled) {
            this.mti = mti;
            this.processingCode = processingCode;
            this.conditionCode = conditionCode;
            this.typeCode = typeCode;
            this.sendsRrn = sendsRrn;
            this.sendsAuthCode = sendsAuthCode;
            this.settled = settled;
        }

        /** Field 61: the original's batch and trace, and its date where the pre-auth family carries one. */
        String originalData(TransactionResult original) {
            String date = "06".equals(conditionCode) ? original.date() : null;
            return new OriginalData(original.batch(), original.trace(), date).format();
        }
    }

    private TransactionResult financial(Request kind, long amountFen, String pan, TransactionResult original)
            throws IOException {
        requireSignedIn();
        ISOMsg request = new ISOMsg();
        try {
            request.setMTI(kind.mti);
            request.set(2, pan);
            request.set(3, kind.processingCode);
            if (amountFen >= 0) {
                request.set(4, String.format("%012d", amountFen));
            }
            String trace = profile.nextTrace();
            request.set(11, trace);
            request.set(14, "3012");
            request.set(22, "022");
            request.set(25, kind.conditionCode);
            request.set(35, pan + "D3012" + "101" + "0000000000");
            if (original != null && kind.sendsRrn && original.rrn() != null) {
                request.set(37, original.rrn());
            }
            if (original != null && kind.sendsAuthCode && original.authCode() != null) {
                request.set(38, original.authCode());
            }
            request.set(41, profile.tid());
            request.set(42, profile.mid());
            request.set(49, "156");
            request.set(60, Field60.of(kind.typeCode, profile.batch(), "000").format());
            if (original != null) {
                request.set(61, kind.originalData(original));
            }
            lastSent = (ISOMsg) request.clone();
            ISOMsg response = exchange(request, true);
            boolean macOk = response.hasField(64);
            if ("00".equals(response.getString(39)) && kind.settled) {
                journal.add(new JournalEntry(kind.typeCode, trace, pan, amountFen));
            }
            return new TransactionResult(response.getString(39), response.getString(37), response.getString(38),
                    trace, profile.batch(), macOk, response.getString(54), response.getString(13));
        } catch (ISOException e) {
            throw new IOException("the request could not be built: " + e.getMessage(), e);
        }
    }

    /**
     * Reverses the last financial request this terminal sent, which must have {@code trace}: 0400 with its 2, 3, 4,
     * 11, 22, 25, 41, 42, 49, 60 and the reason in 39 (98 no answer, 06, A0 bad response MAC); the transaction
     * leaves the journal.
     *
     * @return the host's response code
     */
    public String reverse(String trace, String reason) throws IOException {
        requireSignedIn();
        ISOMsg original = lastSent;
        if (original == null || !trace.equals(original.getString(11))) {
            throw new IllegalArgumentException("a terminal reverses only its last financial request ("
                    + (original == null ? "none sent" : "trace " + original.getString(11)) + "), not trace " + trace);
        }
        return reverse(original, reason);
    }

    /**
     * Reverses {@code original}, a financial request of this terminal sent on this connection or an earlier one
     * (see {@link #lastFinancialRequest}): a terminal keeps its pending reversal across connections and sign-ins.
     *
     * @return the host's response code
     */
    public String reverse(ISOMsg original, String reason) throws IOException {
        requireSignedIn();
        try {
            ISOMsg request = new ISOMsg();
            request.setMTI("0400");
            for (int field : new int[] {2, 3, 4, 11, 22, 25, 41, 42, 49, 60}) {
                if (original.hasField(field)) {
                    request.set(field, original.getString(field));
                }
            }
            request.set(39, reason);
            String code = exchange(request, true).getString(39);
            if ("00".equals(code)) {
                String trace = original.getString(11);
                journal.removeIf(e -> e.trace().equals(trace));
            }
            return code;
        } catch (ISOException e) {
            throw new IOException("the reversal could not be built: " + e.getMessage(), e);
        }
    }

    /** A copy of the last financial request sent, or null before the first: what a pending reversal repeats. */
    public ISOMsg lastFinancialRequest() {
        return lastSent == null ? null : (ISOMsg) lastSent.clone();
    }

    /**
     * Settles the current batch (0500, 60.3 = 201) with the journal's totals in field 48, every card domestic.
     * A balanced answer closes the batch: the journal is emptied and the terminal moves to the next batch.
     */
    public SettlementResult settle() throws IOException {
        requireSignedIn();
        long debit = 0;
        long credit = 0;
        int debits = 0;
        int credits = 0;
        for (JournalEntry e : journal) {
            if (e.debit()) {
                debit += e.amount();
                debits++;
            } else {
                credit += e.amount();
                credits++;
            }
        }
        SettlementTotals totals = new SettlementTotals(debit, debits, credit, credits, 0, 0, 0, 0, 0, 0);
        try {
            ISOMsg request = new ISOMsg();
            request.setMTI("0500");
            request.set(11, profile.nextTrace());
            request.set(41, profile.tid());
            request.set(42, profile.mid());
            request.set(48, totals.format());
            request.set(49, "156");
            request.set(60, Field60.of("00", profile.batch(), "201").format());
            request.set(63, "001");
            ISOMsg response = exchange(request, true);
            SettlementResult result = new SettlementResult(response.getString(39),
                    response.hasField(48) ? SettlementTotals.parse(response.getString(48)) : null);
            if (result.balanced()) {
                closeBatch();
            }
            return result;
        } catch (ISOException | MessageFormatException e) {
            throw new IOException("the settlement could not be built or read: " + e.getMessage(), e);
        }
    }

    /**
     * After an unbalanced settlement: uploads the journal (0320, 60.3 = 201, up to 7 transactions a message),
     * ends the upload with 202, and closes the batch.
     *
     * @return the response codes, one per message, the end's last
     */
    public List<String> uploadBatch() throws IOException {
        requireSignedIn();
        List<String> codes = new ArrayList<>();
        try {
            for (int from = 0; from < journal.size(); from += BatchUploadDetails.MAX_ENTRIES) {
                List<BatchUploadDetails.Entry> entries = new ArrayList<>();
                for (JournalEntry e : journal.subList(from, Math.min(journal.size(), from + BatchUploadDetails.MAX_ENTRIES))) {
                    entries.add(new BatchUploadDetails.Entry(e.typeCode(), e.trace(), e.pan(), e.amount()));
                }
                codes.add(batchUpload("201", new BatchUploadDetails(entries).format()));
            }
            codes.add(batchUpload("202", String.format("%04d", journal.size())));
        } catch (ISOException e) {
            throw new IOException("the batch upload could not be built: " + e.getMessage(), e);
        }
        closeBatch();
        return codes;
    }

    private String batchUpload(String networkCode, String field48) throws IOException, ISOException {
        ISOMsg request = new ISOMsg();
        request.setMTI("0320");
        request.set(11, profile.nextTrace());
        request.set(41, profile.tid());
        request.set(42, profile.mid());
        request.set(48, field48);
        request.set(60, Field60.of("00", profile.batch(), networkCode).format());
        return exchange(request, true).getString(39);
    }

    private void closeBatch() {
        journal.clear();
        lastSent = null;
        profile.signedIn(profile.mak(), String.format("%06d", Integer.parseInt(profile.batch()) % 999_999 + 1));
    }

    /** The approved transactions of the current batch; a test may change it to make the terminal disagree. */
    public List<JournalEntry> journal() {
        return journal;
    }

    public String echoTest() throws IOException {
        return network("0820", "301");
    }

    public String signOff() throws IOException {
        String code = network("0820", "002");
        profile.signedIn(null, profile.batch());
        return code;
    }

    private String network(String mti, String networkCode) throws IOException {
        ISOMsg request = new ISOMsg();
        try {
            request.setMTI(mti);
            request.set(11, profile.nextTrace());
            request.set(41, profile.tid());
            request.set(42, profile.mid());
            request.set(60, Field60.of("00", profile.batch(), networkCode).format());
            return exchange(request, false).getString(39);
        } catch (ISOException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Sends one request and reads its answer. With {@code mac}, field 64 is computed under the session MAK,
     * and a macked response whose MAC does not verify is refused with an IOException.
     */
    public ISOMsg exchange(ISOMsg request, boolean mac) throws IOException {
        try {
            byte[] body;
            if (mac) {
                request.set(64, new byte[8]);
                body = CupMessageCodec.pack(request);
                byte[] field64 = hsm.generateMac(profile.mak(), CupMessageCodec.macBlockInput(body));
                System.arraycopy(field64, 0, body, body.length - 8, 8);
            } else {
                body = CupMessageCodec.pack(request);
            }
            Frame reply = Frame.parse(exchangeRaw(new Frame(TPDU, HEADER, body).toBytesWithLength()));
            lastProcessingNibble = reply.processingNibble();
            ISOMsg response = CupMessageCodec.unpack(reply.body());
            WrappedKey mak = profile.mak();
            if (response.hasField(64) && mak != null
                    && !hsm.verifyMac(mak, CupMessageCodec.macBlockInput(reply.body()), response.getBytes(64))) {
                throw new IOException("the host's response MAC does not verify under this terminal's MAK");
            }
            return response;
        } catch (MessageFormatException e) {
            throw new IOException("message could not be packed or read: " + e.getMessage(), e);
        }
    }

    /** Writes the given bytes as they are and reads one length-prefixed frame back (without its LEN). */
    public byte[] exchangeRaw(byte[] bytesWithLength) throws IOException {
        out.write(bytesWithLength);
        out.flush();
        int length = in.readUnsignedShort();
        byte[] frame = new byte[length];
        in.readFully(frame);
        return frame;
    }

    /** The processing-requirement nibble of the last response header (3 = sign in again). */
    public int lastProcessingNibble() {
        return lastProcessingNibble;
    }

    public String batch() {
        return profile.batch();
    }

    public TerminalProfile profile() {
        return profile;
    }

    /** Whether the terminal holds working keys from an earlier sign-in. */
    public boolean signedIn() {
        return profile.mak() != null;
    }

    private void requireSignedIn() {
        if (profile.mak() == null) {
            throw new IllegalStateException("terminal " + profile.tid() + " is not signed in: call signIn first");
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
