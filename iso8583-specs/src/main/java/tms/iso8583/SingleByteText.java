package tms.iso8583;

import java.nio.charset.StandardCharsets;
import org.jpos.iso.ISOException;
import org.jpos.iso.Interpreter;

/**
 * Text fields ({@code an}, {@code ans}): one byte per character, ISO-8859-1 so that every byte reads back as
 * itself. jPOS's ASCII interpreter turns a character it cannot encode into {@code ?}; this one refuses it, so a
 * packed message never says something its builder did not.
 */
public final class SingleByteText implements Interpreter {

    /** The only instance; it holds no state. */
    public static final SingleByteText INSTANCE = new SingleByteText();

    private SingleByteText() {
    }

    @Override
    public void interpret(String data, byte[] b, int offset) throws ISOException {
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c > 0xFF) {
                throw new ISOException("character '" + c + "' at position " + (i + 1) + " does not fit one byte (ISO-8859-1 expected)");
            }
            b[offset + i] = (byte) c;
        }
    }

    @Override
    public String uninterpret(byte[] raw, int offset, int length) {
        return new String(raw, offset, length, StandardCharsets.ISO_8859_1);
    }

    @Override
    public int getPackedLength(int nDataUnits) {
        return nDataUnits;
    }
}
