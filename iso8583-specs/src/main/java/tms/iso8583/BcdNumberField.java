package tms.iso8583;

import org.jpos.iso.Padder;
import org.jpos.iso.Prefixer;

/**
 * A numeric ({@code n}) field: BCD digits, alignment chosen by the packager XML's {@code pad} attribute with
 * jPOS's meaning: {@code pad="true"} puts the pad nibble first (right-aligned), {@code pad="false"} last
 * (left-aligned).
 */
public abstract class BcdNumberField extends StrictStringField {

    /**
     * @param padder       how a short value is filled (zeros on the left for fixed fields)
     * @param lengthPrefix the BCD prefix, or none for a fixed field
     */
    protected BcdNumberField(Padder padder, Prefixer lengthPrefix) {
        super(padder, PackedNibbles.DECIMAL_LEFT_ALIGNED, lengthPrefix, "digits");
    }

    @Override
    public void setPad(boolean pad) {
        super.setPad(pad);
        useContent(pad ? PackedNibbles.DECIMAL_RIGHT_ALIGNED : PackedNibbles.DECIMAL_LEFT_ALIGNED);
    }
}
