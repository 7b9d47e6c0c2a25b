package tms.iso8583;

import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOMsg;

/**
 * The one-line, log-safe description of a message: the PAN truncated to first 6 and last 4 digits, and the
 * fields that carry card secrets or keys never shown at all (DESIGN.md: no full PAN, track, CVV or PIN block
 * in any log).
 */
public final class MaskedMessage {

    /** Expiry (14), tracks (35, 36, and 45 should a message carry it), PIN block (52), ICC data (55), keys (62), MAC (64). */
    public static final Set<Integer> HIDDEN_FIELDS = Set.of(14, 35, 36, 45, 52, 55, 62, 64);

    private static final int PAN = 2;
    /** Field 48 of a batch upload (0320/0330) carries whole card numbers (docs/protocol.md), so it is never shown. */
    private static final int PRIVATE_48 = 48;
    private static final Set<String> BATCH_UPLOAD_MTIS = Set.of("0320", "0330");
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private MaskedMessage() {
    }

    /**
     * @param msg any message, possibly incomplete
     * @return e.g. {@code 0200 2=621785*********0804 3=000000 4=000000000001 35=[hidden] 64=[hidden]}; never
     *         throws, since it runs inside logging and error paths
     */
    public static String describe(ISOMsg msg) {
        if (msg == null) {
            return "null";
        }
        try {
            StringBuilder s = new StringBuilder(256);
            s.append(msg.hasField(0) ? printable(msg.getString(0)) : "(no MTI)");
            Map<Integer, ISOComponent> fields = new TreeMap<>();
            for (Object entry : msg.getChildren().entrySet()) {
                Map.Entry<?, ?> e = (Map.Entry<?, ?>) entry;
                if (e.getKey() instanceof Integer key && key > 0 && e.getValue() instanceof ISOComponent component) {
                    fields.put(key, component);
                }
            }
            boolean batchUpload = msg.hasField(0) && BATCH_UPLOAD_MTIS.contains(msg.getString(0));
            for (Map.Entry<Integer, ISOComponent> e : fields.entrySet()) {
                s.append(' ').append(e.getKey()).append('=').append(batchUpload && e.getKey() == PRIVATE_48
                        ? "[hidden]" : show(e.getKey(), e.getValue()));
            }
            return s.toString();
        } catch (RuntimeException | org.jpos.iso.ISOException e) {
            return "(message not describable: " + e.getClass().getSimpleName() + ")";
        }
    }

    private static String show(int field, ISOComponent component) throws org.jpos.iso.ISOException {
        if (HIDDEN_FIELDS.contains(field)) {
            return "[hidden]";
        }
        Object value = component.getValue();
        if (field == PAN) {
            return value instanceof String pan ? truncatedPan(pan) : "[hidden]";
        }
        if (value instanceof byte[] bytes) {
            return HEX.formatHex(bytes);
        }
        if (value instanceof String text) {
            return printable(text);
        }
        if (component instanceof ISOMsg) {
            return "[composite]";
        }
        return "[" + (value == null ? "null" : value.getClass().getSimpleName()) + "]";
    }

    /** First 6 and last 4 digits, the rest as {@code *}; a value too short to keep 10 digits back is all {@code *}. */
    public static String truncatedPan(String pan) {
        int n = pan.length();
        if (n <= 10) {
            return "*".repeat(n);
        }
        return printable(pan.substring(0, 6)) + "*".repeat(n - 10) + printable(pan.substring(n - 4));
    }

    // A line per message: a control character from a terminal must not start a forged log line.
    private static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c < 0x20 || c == 0x7F ? '?' : c);
        }
        return out.toString();
    }
}
