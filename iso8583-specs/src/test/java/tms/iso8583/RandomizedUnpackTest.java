package tms.iso8583;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

/**
 * Garbage in, {@link MessageFormatException} out, never anything else: random bytes and valid messages with
 * random damage. Whatever unpack accepts must pack back to exactly the same bytes, which is what lets the MAC
 * be checked over the bytes as received.
 */
class RandomizedUnpackTest {

    private static final long SEED = 20240611L;

    @Test
    void unpackOnlyReturnsOrThrowsMessageFormatException() throws Exception {
        Random random = new Random(SEED);
        List<byte[]> valid = validBodies();
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 4000; i++) {
            byte[] input = switch (i % 4) {
                case 0 -> randomBytes(random);
                case 1 -> flipped(random, valid.get(random.nextInt(valid.size())));
                case 2 -> truncated(random, valid.get(random.nextInt(valid.size())));
                default -> validPrefixWithNoise(random, valid.get(random.nextInt(valid.size())));
            };
            try {
                ISOMsg msg = CupMessageCodec.unpack(input);
                accepted++;
                assertThat(Vectors.hex(CupMessageCodec.pack(msg))).as("case %d re-packs identically", i).isEqualTo(Vectors.hex(input));
            } catch (MessageFormatException e) {
                refused++;
                assertThat(e.getMessage()).as("case %d has a message", i).isNotBlank();
            } catch (Throwable t) {
                fail("case " + i + " (" + Vectors.hex(input) + ") threw " + t, t);
            }
        }
        // Both outcomes must actually occur, or the damage is too mild or too harsh to test anything.
        assertThat(accepted).isGreaterThan(50);
        assertThat(refused).isGreaterThan(2000);
    }

    private static List<byte[]> validBodies() throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        bodies.add(Vectors.bytes(Vectors.CONTACTLESS_PURCHASE));
        bodies.add(Vectors.bytes(Vectors.SIGN_IN_004_RESPONSE.substring(22)));
        for (ISOMsg m : List.of(Messages.purchase(), Messages.chipPurchase(), Messages.purchaseResponse(), Messages.balanceInquiry(),
                Messages.balanceResponse(), Messages.reversal(), Messages.settlement(), Messages.settlementResponse(),
                Messages.signIn("003"), Messages.echo())) {
            bodies.add(CupMessageCodec.pack(m));
        }
        return bodies;
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[random.nextInt(300)];
        random.nextBytes(b);
        if (b.length > 2 && random.nextBoolean()) {
            b[0] = 0x02; // a plausible MTI gets the walk past the first check more often
            b[1] = 0x00;
        }
        return b;
    }

    private static byte[] flipped(Random random, byte[] valid) {
        byte[] b = valid.clone();
        int flips = 1 + random.nextInt(3);
        for (int f = 0; f < flips; f++) {
            int at = random.nextInt(b.length);
            if (random.nextBoolean()) {
                b[at] ^= (byte) (1 << random.nextInt(8));
            } else {
                b[at] = (byte) random.nextInt(256);
            }
        }
        return b;
    }

    private static byte[] truncated(Random random, byte[] valid) {
        return Arrays.copyOf(valid, random.nextInt(valid.length + 1));
    }

    private static byte[] validPrefixWithNoise(Random random, byte[] valid) {
        byte[] b = Arrays.copyOf(valid, random.nextInt(valid.length + 1) + random.nextInt(20));
        for (int i = Math.max(0, b.length - 20); i < b.length; i++) {
            if (i >= valid.length || random.nextInt(4) == 0) {
                b[i] = (byte) random.nextInt(256);
            }
        }
        return b;
    }
}
