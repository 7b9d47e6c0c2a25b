package tms.iso8583;

import static tms.iso8583.Vectors.bytes;

import java.nio.charset.StandardCharsets;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/** Requests and responses of every kind the gateway speaks in this slice, with made-up but well-formed values. */
final class Messages {

    private Messages() {
    }

    static final String PAN = "6222021234567890123";
    static final String TRACK2 = "6222021234567890123D2512201123456";
    static final String TRACK3 = "996222021234567890123D1561560000000000000003000000114000025120D000000000000D000000000000D00000000";

    static ISOMsg msg(String mti, Object... fieldsAndValues) throws ISOException {
        ISOMsg m = new ISOMsg(mti);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            int field = (Integer) fieldsAndValues[i];
            Object value = fieldsAndValues[i + 1];
            if (value instanceof byte[] b) {
                m.set(field, b);
            } else {
                m.set(field, (String) value);
            }
        }
        return m;
    }

    static byte[] mac(String eightHex) {
        return eightHex.getBytes(StandardCharsets.US_ASCII);
    }

    static ISOMsg signIn(String networkCode) throws ISOException {
        return msg("0800", 11, "000001", 41, "12345678", 42, "123456789012345",
                60, Field60.of("00", "000007", networkCode).format(), 63, "01 ");
    }

    static ISOMsg signInResponse(WorkingKeys keys, String networkCode) throws ISOException {
        return msg("0810", 11, "000001", 12, "101530", 13, "0612", 32, "48020000", 37, "061210153001",
                39, "00", 41, "12345678", 42, "123456789012345",
                60, Field60.of("00", "000008", networkCode).format(), 62, keys.encode());
    }

    static WorkingKeys keys(SignInKeyLayout layout) {
        byte[] pik = bytes(layout.pikLength() == 8 ? "1111111111111111" : "2222222222222222AAAAAAAAAAAAAAAA");
        boolean tdk = layout.hasTdk();
        byte[] mak = bytes(layout.makLength() == 8 ? "3333333333333333" : "3333333333333333CCCCCCCCCCCCCCCC");
        return new WorkingKeys(layout, pik, bytes("0A0B0C0D"), mak, bytes("ADC67D84"),
                tdk ? bytes("4444444444444444BBBBBBBBBBBBBBBB") : null, tdk ? bytes("E2F24340") : null);
    }

    static ISOMsg signOff() throws ISOException {
        return msg("0820", 11, "000031", 41, "12345678", 42, "123456789012345", 60, Field60.of("00", "000008", "002").format());
    }

    static ISOMsg signOffResponse() throws ISOException {
        return msg("0830", 11, "000031", 12, "180000", 13, "0612", 32, "48020000", 39, "00",
                41, "12345678", 42, "123456789012345", 60, Field60.of("00", "000008", "002").format());
    }

    static ISOMsg echo() throws ISOException {
        return msg("0820", 11, "000032", 41, "12345678", 42, "123456789012345", 60, Field60.of("00", "000008", "301").format());
    }

    static ISOMsg echoResponse() throws ISOException {
        return msg("0830", 11, "000032", 12, "180001", 13, "0612", 32, "48020000", 39, "00",
                41, "12345678", 42, "123456789012345", 60, Field60.of("00", "000008", "301").format());
    }

    static ISOMsg purchase() throws ISOException {
        return msg("0200", 2, PAN, 3, "000000", 4, "000000012345", 11, "000123", 14, "2512", 22, "021", 25, "00", 26, "12",
                35, TRACK2, 41, "12345678", 42, "123456789012345", 49, "156", 52, bytes("0102030405060708"),
                53, "2600000000000000", 60, "2200012300050", 64, mac("1A2B3C4D"));
    }

    /** A contact-chip purchase: card sequence 23, track 3 and ICC data 55 as well. */
    static ISOMsg chipPurchase() throws ISOException {
        return msg("0200", 2, PAN, 3, "000000", 4, "000000099900", 11, "000124", 14, "2512", 22, "051", 23, "001", 25, "00",
                26, "06", 35, TRACK2, 36, TRACK3, 41, "12345678", 42, "123456789012345", 49, "156",
                52, bytes("A1A2A3A4A5A6A7A8"), 53, "2600000000000000",
                55, bytes("9F2608C0FFEE00112233449F2701809F3704DEADBEEF9A032506129C01009F02060000000999005F2A020156"),
                60, "22000123000501", 64, mac("0F0E0D0C"));
    }

    static ISOMsg purchaseResponse() throws ISOException {
        return msg("0210", 2, PAN, 3, "000000", 4, "000000012345", 11, "000123", 12, "101530", 13, "0612", 14, "2512",
                15, "0613", 25, "00", 32, "48020000", 37, "061210153001", 38, "A1B2C3", 39, "00", 41, "12345678",
                42, "123456789012345", 44, "4802000003010000", 49, "156", 53, "2600000000000000",
                60, "22000123", 63, "CUP", 64, mac("5E6F7A8B"));
    }

    /** A pre-authorisation: 0100, 030000, condition 06, 60.1 = 10. */
    static ISOMsg preAuthorisation() throws ISOException {
        return msg("0100", 2, PAN, 3, "030000", 4, "000000500000", 11, "000130", 14, "2512", 22, "021", 25, "06",
                26, "12", 35, TRACK2, 41, "12345678", 42, "123456789012345", 49, "156", 52, bytes("0102030405060708"),
                53, "2600000000000000", 60, "10000123", 64, mac("3C4D5E6F"));
    }

    static ISOMsg preAuthorisationResponse() throws ISOException {
        return msg("0110", 2, PAN, 3, "030000", 4, "000000500000", 11, "000130", 12, "101700", 13, "0612", 15, "0613",
                22, "021", 25, "06", 32, "48020000", 37, "061210170001", 38, "654321", 39, "00", 41, "12345678",
                42, "123456789012345", 49, "156", 60, "10000123", 63, "CUP", 64, mac("7A8B9C0D"));
    }

    /** A pre-auth void: 0100, 200000, 60.1 = 11, 37 and 38 of the pre-auth, 61 its batch, trace and date. */
    static ISOMsg preAuthorisationVoid() throws ISOException {
        return msg("0100", 2, PAN, 3, "200000", 4, "000000500000", 11, "000131", 22, "021", 25, "06", 35, TRACK2,
                37, "061210170001", 38, "654321", 41, "12345678", 42, "123456789012345", 49, "156",
                60, "11000123", 61, "0001230001300612", 64, mac("11223344"));
    }

    /** A completion: 0200, 000000, 60.1 = 20, 38 the pre-auth's auth code, 61 its batch, trace and date. */
    static ISOMsg completion() throws ISOException {
        return msg("0200", 2, PAN, 3, "000000", 4, "000000480000", 11, "000132", 22, "021", 25, "06", 35, TRACK2,
                38, "654321", 41, "12345678", 42, "123456789012345", 49, "156", 60, "20000124",
                61, "0001230001300612", 64, mac("55667788"));
    }

    /** A completion void: 0200, 200000, 60.1 = 21, 37 the completion's RRN, 61 its batch and trace. */
    static ISOMsg completionVoid() throws ISOException {
        return msg("0200", 2, PAN, 3, "200000", 4, "000000480000", 11, "000133", 22, "021", 25, "06", 35, TRACK2,
                37, "061510170002", 41, "12345678", 42, "123456789012345", 49, "156", 60, "21000124",
                61, "0001240001320615", 64, mac("99AABBCC"));
    }

    static ISOMsg balanceInquiry() throws ISOException {
        return msg("0200", 2, PAN, 3, "310000", 11, "000125", 14, "2512", 22, "021", 25, "00", 26, "12",
                35, TRACK2, 36, TRACK3, 41, "12345678", 42, "123456789012345", 49, "156", 52, bytes("1122334455667788"),
                53, "2000000000000000", 60, "01000123", 64, mac("99887766"));
    }

    static ISOMsg balanceResponse() throws ISOException {
        return msg("0210", 2, PAN, 3, "310000", 11, "000125", 12, "101600", 13, "0612", 25, "00", 32, "48020000",
                37, "061210160001", 39, "00", 41, "12345678", 42, "123456789012345", 44, "48020000", 49, "156",
                54, "1002156C000000123456", 60, "01000123", 63, "CUP", 64, mac("00112233"));
    }

    static ISOMsg reversal() throws ISOException {
        return msg("0400", 2, PAN, 3, "000000", 4, "000000012345", 11, "000123", 14, "2512", 22, "021", 25, "00",
                39, "98", 41, "12345678", 42, "123456789012345", 49, "156", 53, "2600000000000000",
                60, "2200012300050", 61, "000123000123", 64, mac("ABCDEF01"));
    }

    static ISOMsg reversalResponse() throws ISOException {
        return msg("0410", 2, PAN, 3, "000000", 4, "000000012345", 11, "000123", 12, "101700", 13, "0612", 25, "00",
                32, "48020000", 37, "061210170001", 39, "00", 41, "12345678", 42, "123456789012345", 49, "156",
                60, "2200012300050", 64, mac("12345678"));
    }

    static final SettlementTotals TOTALS = new SettlementTotals(1_234_500L, 3, 12_345L, 1, 0, 0L, 0, 0L, 0, 0);

    static ISOMsg settlement() throws ISOException {
        return msg("0500", 11, "000130", 41, "12345678", 42, "123456789012345", 48, TOTALS.format(), 49, "156",
                60, Field60.of("00", "000123", "201").format(), 63, "01 ");
    }

    static ISOMsg settlementResponse() throws ISOException {
        return msg("0510", 11, "000130", 12, "235900", 13, "0612", 15, "0613", 32, "48020000", 37, "061223590001",
                39, "00", 41, "12345678", 42, "123456789012345",
                48, TOTALS.withResults(SettlementTotals.BALANCED, SettlementTotals.BALANCED).format(), 49, "156",
                60, Field60.of("00", "000123", "201").format());
    }
}
