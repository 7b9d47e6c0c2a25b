package tms.iso8583;

import static org.assertj.core.api.Assertions.assertThat;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

class MessageKindTest {

    private static ISOMsg request(String mti, String processing, String field60) throws Exception {
        ISOMsg m = new ISOMsg(mti);
        if (processing != null) {
            m.set(3, processing);
        }
        if (field60 != null) {
            m.set(60, field60);
        }
        return m;
    }

    @Test
    void identifiesNetworkManagement() throws Exception {
        for (String code : new String[] {"001", "003", "004", "006"}) {
            assertThat(MessageKind.of(request("0800", null, "00000001" + code))).as(code).contains(MessageKind.SIGN_IN);
        }
        assertThat(MessageKind.of(request("0820", null, "00000001002"))).contains(MessageKind.SIGN_OFF);
        assertThat(MessageKind.of(request("0820", null, "00000001301"))).contains(MessageKind.ECHO_TEST);
        assertThat(MessageKind.of(request("0800", null, "00000001371"))).contains(MessageKind.IC_PUBLIC_KEY_DOWNLOAD);
        assertThat(MessageKind.of(request("0800", null, "00000001380"))).contains(MessageKind.IC_PARAMETER_DOWNLOAD);
        assertThat(MessageKind.of(request("0500", null, "00000001201"))).contains(MessageKind.SETTLEMENT);
        assertThat(MessageKind.of(request("0320", null, "00000001201"))).contains(MessageKind.BATCH_UPLOAD);
        assertThat(MessageKind.of(request("0320", null, "00000001207"))).contains(MessageKind.BATCH_UPLOAD_END);
        assertThat(MessageKind.of(request("0320", null, "00000001202"))).contains(MessageKind.BATCH_UPLOAD_END);
    }

    @Test
    void identifiesFinancialRequests() throws Exception {
        assertThat(MessageKind.of(request("0200", "000000", "22000001"))).contains(MessageKind.PURCHASE);
        assertThat(MessageKind.of(request("0200", "310000", "01000001"))).contains(MessageKind.BALANCE_INQUIRY);
        assertThat(MessageKind.of(request("0200", "200000", "23000001"))).contains(MessageKind.PURCHASE_VOID);
        assertThat(MessageKind.of(request("0220", "200000", "25000001"))).contains(MessageKind.REFUND);
        assertThat(MessageKind.of(request("0100", "030000", "10000001"))).contains(MessageKind.PRE_AUTH);
        assertThat(MessageKind.of(request("0100", "200000", "11000001"))).contains(MessageKind.PRE_AUTH_VOID);
        assertThat(MessageKind.of(request("0200", "000000", "20000001"))).contains(MessageKind.PRE_AUTH_COMPLETION);
        assertThat(MessageKind.of(request("0200", "200000", "21000001"))).contains(MessageKind.PRE_AUTH_COMPLETION_VOID);
        assertThat(MessageKind.of(request("0400", "000000", "22000001"))).contains(MessageKind.REVERSAL);
        assertThat(MessageKind.of(request("0400", "310000", null))).contains(MessageKind.REVERSAL);
    }

    @Test
    void unknownCombinationsAreNotGuessed() throws Exception {
        assertThat(MessageKind.of(request("0800", null, "00000001002"))).as("sign-off code in an 0800").isEmpty();
        assertThat(MessageKind.of(request("0820", null, "00000001999"))).isEmpty();
        assertThat(MessageKind.of(request("0800", null, "01000001001"))).as("60.1 must be 00").isEmpty();
        assertThat(MessageKind.of(request("0200", "000000", "01000001"))).as("purchase code with balance type").isEmpty();
        assertThat(MessageKind.of(request("0200", "310000", "22000001"))).isEmpty();
        assertThat(MessageKind.of(request("0200", "000000", null))).as("no field 60").isEmpty();
        assertThat(MessageKind.of(request("0200", "000000", "2"))).as("malformed field 60").isEmpty();
        assertThat(MessageKind.of(request("0210", "000000", "22000001"))).as("a response").isEmpty();
        assertThat(MessageKind.of(new ISOMsg())).isEmpty();
        assertThat(MessageKind.of(null)).isEmpty();
    }

    @Test
    void responseMtiRaisesTheThirdDigit() {
        assertThat(MessageKind.SIGN_IN.responseMti()).isEqualTo("0810");
        assertThat(MessageKind.ECHO_TEST.responseMti()).isEqualTo("0830");
        assertThat(MessageKind.PURCHASE.responseMti()).isEqualTo("0210");
        assertThat(MessageKind.REFUND.responseMti()).isEqualTo("0230");
        assertThat(MessageKind.PRE_AUTH.responseMti()).isEqualTo("0110");
        assertThat(MessageKind.REVERSAL.responseMti()).isEqualTo("0410");
        assertThat(MessageKind.SETTLEMENT.responseMti()).isEqualTo("0510");
        assertThat(MessageKind.BATCH_UPLOAD.responseMti()).isEqualTo("0330");
    }

    @Test
    void catalogueFollowsProtocolSection3() {
        assertThat(MessageKind.PURCHASE.processingCode()).isEqualTo("000000");
        assertThat(MessageKind.PURCHASE.typeCode()).isEqualTo("22");
        assertThat(MessageKind.BALANCE_INQUIRY.processingCode()).isEqualTo("310000");
        assertThat(MessageKind.BALANCE_INQUIRY.typeCode()).isEqualTo("01");
        assertThat(MessageKind.PRE_AUTH.conditionCode()).isEqualTo("06");
        assertThat(MessageKind.SIGN_IN.networkCodes()).containsExactlyInAnyOrder("001", "003", "004", "006");
        assertThat(MessageKind.SIGN_OFF.networkCodes()).containsExactly("002");
        assertThat(MessageKind.ECHO_TEST.networkCodes()).containsExactly("301");
        assertThat(MessageKind.PURCHASE.networkCodes()).isEmpty();
        assertThat(MessageKind.REVERSAL.processingCode()).isNull();
    }
}
