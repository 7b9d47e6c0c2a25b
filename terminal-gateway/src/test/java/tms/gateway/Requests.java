package tms.gateway;

import org.jpos.iso.ISOMsg;

import tms.iso8583.Field60;
import tms.simulator.TransactionResult;

/** Financial requests built by hand, for the cases the simulator's own methods would never send. */
final class Requests {

    static final String PAN = "6212261234567890";

    private Requests() {
    }

    /** A void (0200, 200000, 60.1 = 23) of the purchase answered as {@code purchase}. */
    static ISOMsg voidOf(TransactionResult purchase, String trace, long amount) throws Exception {
        return undo("0200", "23", purchase, trace, amount);
    }

    /** A refund (0220, 200000, 60.1 = 25) of the purchase answered as {@code purchase}. */
    static ISOMsg refundOf(TransactionResult purchase, String trace, long amount) throws Exception {
        return undo("0220", "25", purchase, trace, amount);
    }

    private static ISOMsg undo(String mti, String typeCode, TransactionResult purchase, String trace, long amount)
            throws Exception {
        ISOMsg m = PurchaseTest.purchase(trace, purchase.batch(), amount, null);
        m.setMTI(mti);
        m.set(3, "200000");
        m.set(37, purchase.rrn());
        m.set(60, Field60.of(typeCode, purchase.batch(), "000").format());
        m.set(61, purchase.batch() + purchase.trace());
        return m;
    }

    /** A pre-authorisation (0100, 030000, 25 = 06, 60.1 = 10) as the simulator sends one. */
    static ISOMsg preAuthorisation(String trace, String batch, long amount) throws Exception {
        ISOMsg m = PurchaseTest.purchase(trace, batch, amount, null);
        m.setMTI("0100");
        m.set(3, "030000");
        m.set(25, "06");
        m.set(60, Field60.of("10", batch, "000").format());
        return m;
    }

    /** A completion (0200, 000000, 25 = 06, 60.1 = 20) of the pre-auth answered as {@code preAuth}: 38 and 61. */
    static ISOMsg completionOf(TransactionResult preAuth, String trace, String batch, long amount) throws Exception {
        ISOMsg m = PurchaseTest.purchase(trace, batch, amount, null);
        m.set(25, "06");
        m.set(38, preAuth.authCode());
        m.set(60, Field60.of("20", batch, "000").format());
        m.set(61, preAuth.batch() + preAuth.trace() + preAuth.date());
        return m;
    }

    /** The reversal (0400) of {@code original}: its 2, 3, 4, 11, 22, 25, 41, 42, 49, 60 and the reason in 39. */
    static ISOMsg reversalOf(ISOMsg original, String reason) throws Exception {
        ISOMsg m = new ISOMsg();
        m.setMTI("0400");
        for (int field : new int[] {2, 3, 4, 11, 22, 25, 41, 42, 49, 60}) {
            if (original.hasField(field)) {
                m.set(field, original.getString(field));
            }
        }
        m.set(39, reason);
        return m;
    }
}
