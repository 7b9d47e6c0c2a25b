package tms.iso8583;

import static org.assertj.core.api.Assertions.assertThat;
import static tms.iso8583.Vectors.hex;

import java.util.stream.Stream;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Build → pack → unpack → same fields → pack again → same bytes, for every message the gateway speaks. */
class RoundTripTest {

    static Stream<Arguments> messages() throws Exception {
        return Stream.of(
                Arguments.of("0800 sign-in 001", Messages.signIn("001"), MessageKind.SIGN_IN),
                Arguments.of("0800 sign-in 003", Messages.signIn("003"), MessageKind.SIGN_IN),
                Arguments.of("0800 sign-in 004", Messages.signIn("004"), MessageKind.SIGN_IN),
                Arguments.of("0800 sign-in 006", Messages.signIn("006"), MessageKind.SIGN_IN),
                Arguments.of("0810 sign-in 001", Messages.signInResponse(Messages.keys(SignInKeyLayout.SINGLE_001), "001"), null),
                Arguments.of("0810 sign-in 003", Messages.signInResponse(Messages.keys(SignInKeyLayout.DOUBLE_003), "003"), null),
                Arguments.of("0810 sign-in 003 compact",
                        Messages.signInResponse(Messages.keys(SignInKeyLayout.DOUBLE_003_COMPACT), "003"), null),
                Arguments.of("0810 sign-in 004", Messages.signInResponse(Messages.keys(SignInKeyLayout.WITH_TDK_004), "004"), null),
                Arguments.of("0810 sign-in 006", Messages.signInResponse(Messages.keys(SignInKeyLayout.SM4_006), "006"), null),
                Arguments.of("0820 sign-off", Messages.signOff(), MessageKind.SIGN_OFF),
                Arguments.of("0830 sign-off", Messages.signOffResponse(), null),
                Arguments.of("0820 echo", Messages.echo(), MessageKind.ECHO_TEST),
                Arguments.of("0830 echo", Messages.echoResponse(), null),
                Arguments.of("0200 purchase", Messages.purchase(), MessageKind.PURCHASE),
                Arguments.of("0200 chip purchase", Messages.chipPurchase(), MessageKind.PURCHASE),
                Arguments.of("0210 purchase", Messages.purchaseResponse(), null),
                Arguments.of("0200 balance", Messages.balanceInquiry(), MessageKind.BALANCE_INQUIRY),
                Arguments.of("0210 balance", Messages.balanceResponse(), null),
                Arguments.of("0100 pre-authorisation", Messages.preAuthorisation(), MessageKind.PRE_AUTH),
                Arguments.of("0110 pre-authorisation", Messages.preAuthorisationResponse(), null),
                Arguments.of("0100 pre-authorisation void", Messages.preAuthorisationVoid(), MessageKind.PRE_AUTH_VOID),
                Arguments.of("0200 completion", Messages.completion(), MessageKind.PRE_AUTH_COMPLETION),
                Arguments.of("0200 completion void", Messages.completionVoid(), MessageKind.PRE_AUTH_COMPLETION_VOID),
                Arguments.of("0400 reversal", Messages.reversal(), MessageKind.REVERSAL),
                Arguments.of("0410 reversal", Messages.reversalResponse(), null),
                Arguments.of("0500 settlement", Messages.settlement(), MessageKind.SETTLEMENT),
                Arguments.of("0510 settlement", Messages.settlementResponse(), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void packUnpackPackIsIdentity(String name, ISOMsg built, MessageKind kind) throws Exception {
        byte[] packed = CupMessageCodec.pack(built);
        ISOMsg unpacked = CupMessageCodec.unpack(packed);

        for (int field = 0; field <= 64; field++) {
            assertThat(unpacked.hasField(field)).as("%s: field %d present", name, field).isEqualTo(built.hasField(field));
            if (built.hasField(field)) {
                if (built.getValue(field) instanceof byte[]) {
                    assertThat(hex(unpacked.getBytes(field))).as("%s: field %d", name, field).isEqualTo(hex(built.getBytes(field)));
                } else {
                    assertThat(unpacked.getString(field)).as("%s: field %d", name, field).isEqualTo(built.getString(field));
                }
            }
        }
        assertThat(hex(CupMessageCodec.pack(unpacked))).as(name).isEqualTo(hex(packed));
        if (kind != null) {
            assertThat(MessageKind.of(unpacked)).as(name).contains(kind);
            assertThat(unpacked.getMTI()).isEqualTo(kind.requestMti());
        } else {
            assertThat(MessageKind.of(unpacked)).as("%s is a response, not a request", name).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void subFieldsSurviveTheWire(String name, ISOMsg built, MessageKind kind) throws Exception {
        ISOMsg unpacked = CupMessageCodec.unpack(CupMessageCodec.pack(built));
        if (unpacked.hasField(60)) {
            assertThat(Field60.parse(unpacked.getString(60)).format()).isEqualTo(built.getString(60));
        }
        if (unpacked.hasField(62)) {
            // as a terminal reads it: the layout from the network code it asked for (006 has the length of 004)
            byte[] field62 = unpacked.getBytes(62);
            SignInKeyLayout layout = SignInKeyLayout.forNetworkCode(Field60.parse(unpacked.getString(60)).networkCode(),
                    field62.length == SignInKeyLayout.DOUBLE_003_COMPACT.length());
            WorkingKeys keys = WorkingKeys.decode(field62, layout);
            assertThat(keys.encode()).isEqualTo(built.getBytes(62));
        }
        if (unpacked.hasField(48)) {
            assertThat(SettlementTotals.parse(unpacked.getString(48)).format()).isEqualTo(built.getString(48));
        }
        if (unpacked.hasField(61)) {
            assertThat(OriginalData.parse(unpacked.getString(61)).format()).isEqualTo(built.getString(61));
        }
    }
}
