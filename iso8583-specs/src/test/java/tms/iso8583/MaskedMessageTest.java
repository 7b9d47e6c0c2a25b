package tms.iso8583;

import static org.assertj.core.api.Assertions.assertThat;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

class MaskedMessageTest {

    @Test
    void cardSecretsNeverAppear() throws Exception {
        ISOMsg built = Messages.chipPurchase();
        built.set(41, "TERM0001"); // so that no other field happens to contain the PAN's middle digits
        built.set(42, "898000000000001");
        ISOMsg msg = CupMessageCodec.unpack(CupMessageCodec.pack(built));
        String line = MaskedMessage.describe(msg);

        assertThat(line).startsWith("0200 2=622202*********0123 3=000000 4=000000099900 11=000124 14=[hidden] 22=051 23=001");
        assertThat(line).contains("35=[hidden]", "36=[hidden]", "52=[hidden]", "55=[hidden]", "64=[hidden]", "41=TERM0001");
        // the middle of the PAN, and the PAN as a whole, appear nowhere (not even inside track 2 or 3)
        assertThat(line).doesNotContain("123456789", "2021", Messages.PAN, "D2512", "2512", "A1A2A3A4", "9F26", "0F0E0D0C");
        assertThat(line).doesNotContain("\n");
    }

    @Test
    void keysInField62AreHidden() throws Exception {
        ISOMsg msg = Messages.signInResponse(Messages.keys(SignInKeyLayout.WITH_TDK_004), "004");
        String line = MaskedMessage.describe(msg);
        assertThat(line).startsWith("0810 11=000001").contains("62=[hidden]", "60=00000008004").doesNotContain("4444", "2222", "3333");
    }

    @Test
    void theContactlessVectorShowsOnlyTruncatedPan() throws Exception {
        String line = MaskedMessage.describe(CupMessageCodec.unpack(Vectors.bytes(Vectors.CONTACTLESS_PURCHASE)));
        assertThat(line).contains("2=621785*********0804").doesNotContain("6217857600008050804", "D37CEFE6", "2308");
    }

    @Test
    void shortPansAndControlCharactersAreNeutralised() throws Exception {
        ISOMsg msg = new ISOMsg("0200");
        msg.set(2, "1234567890");
        msg.set(63, "CUP\nFAKE LOG LINE");
        String line = MaskedMessage.describe(msg);
        assertThat(line).isEqualTo("0200 2=********** 63=CUP?FAKE LOG LINE");
    }

    @Test
    void theCardsOfABatchUploadAreHiddenButASettlementsTotalsShow() throws Exception {
        ISOMsg upload = new ISOMsg("0320");
        upload.set(48, "01220000011662122612345678900000000000000000100");
        assertThat(MaskedMessage.describe(upload)).isEqualTo("0320 48=[hidden]");
        ISOMsg settlement = new ISOMsg("0500");
        settlement.set(48, "00000000010000100000000000000000000000000000000000000000000000");
        assertThat(MaskedMessage.describe(settlement)).contains("48=000000000100001");
    }

    @Test
    void describesAnythingWithoutThrowing() {
        assertThat(MaskedMessage.describe(null)).isEqualTo("null");
        assertThat(MaskedMessage.describe(new ISOMsg())).isEqualTo("(no MTI)");
    }
}
