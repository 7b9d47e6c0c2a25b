package tms.server;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import tms.simulator.SimulatedTerminal;
import tms.simulator.TransactionResult;

/**
 * sim preauth, preauth-void, complete and complete-void: the pre-authorisation family from the simulated terminal.
 * Each run is a new connection, so a void or completion names its original by what the run that made it printed
 * (a real terminal reads the same from its journal or the slip).
 */
final class SimPreAuthCommands {

    private SimPreAuthCommands() {
    }

    /** The transaction a void or completion acts on, as the command that made it printed it. */
    static final class Original {

        @Option(names = "--trace", required = true, paramLabel = "NNNNNN", description = "The original's trace (6 digits).")
        String trace;

        @Option(names = "--batch", paramLabel = "NNNNNN",
                description = "The original's batch (6 digits; default the terminal's current batch).")
        String batch;

        @Option(names = "--rrn", paramLabel = "RRN", description = "The original's reference number (12 characters).")
        String rrn;

        @Option(names = "--auth-code", paramLabel = "CODE", description = "The original's auth code (6 characters).")
        String authCode;

        @Option(names = "--date", paramLabel = "MMDD", description = "The original's date, sent in 61.3 (optional).")
        String date;

        /** Checks what the command needs before anything is dialled. */
        void require(String command, boolean rrnNeeded, boolean authCodeNeeded) {
            digits("--trace", trace, 6);
            if (batch != null) {
                digits("--batch", batch, 6);
            }
            if (date != null) {
                digits("--date", date, 4);
            }
            if (rrnNeeded && (rrn == null || rrn.length() != 12)) {
                throw new UserError(command + " needs --rrn, the 12-character RRN printed when the original was made");
            }
            if (authCodeNeeded && (authCode == null || authCode.length() != 6)) {
                throw new UserError(command + " needs --auth-code, the 6-character auth code printed when the"
                        + " original was made");
            }
        }

        TransactionResult in(SimulatedTerminal terminal) {
            return new TransactionResult("00", rrn, authCode, trace, batch != null ? batch : terminal.batch(), true,
                    null, date);
        }

        private static void digits(String option, String value, int length) {
            if (value.length() != length || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new UserError(option + " '" + value + "' must be " + length + " digits, as printed when the"
                        + " original was made");
            }
        }
    }

    /** The amount and card every command of the family sends. */
    static final class AmountAndCard {

        @Option(names = "--amount", required = true, paramLabel = "YUAN", description = "Amount in yuan, e.g. 12.34.")
        String amount;

        @Option(names = "--pan", defaultValue = SimCommand.DEMO_PAN, paramLabel = "PAN",
                description = "Card number (default a test card); a void or completion needs the original's card.")
        String pan;
    }

    @Command(name = "preauth", mixinStandardHelpOptions = true,
            description = "Sign in, then hold an amount on the card (pre-authorisation); prints how to complete or void it.")
    static final class PreAuthorisation implements Callable<Integer> {

        @Mixin
        SimCommand.Connection connection;

        @Mixin
        AmountAndCard card;

        @Override
        public Integer call() throws IOException {
            long fen = SimCommand.fen(card.amount);
            Made made = new Made();
            int code = SimCommand.signedInThen(connection, "pre-authorisation of " + card.amount + " yuan",
                    t -> made.result = t.preAuthorisation(fen, card.pan));
            if (code == 0) {
                TransactionResult r = made.result;
                String original = " --trace " + r.trace() + " --batch " + r.batch() + " --auth-code " + r.authCode();
                System.out.println("complete it (for up to " + yuan(fen) + " yuan): ./tms sim complete" + original
                        + (r.date() == null ? "" : " --date " + r.date()) + " --amount " + yuan(fen) + pan(card));
                System.out.println("or release it: ./tms sim preauth-void" + original + " --rrn " + r.rrn()
                        + " --amount " + yuan(fen) + pan(card));
            }
            return code;
        }
    }

    @Command(name = "preauth-void", mixinStandardHelpOptions = true,
            description = "Sign in, then void a pre-authorisation (needs its trace, RRN and auth code and the same amount).")
    static final class PreAuthorisationVoid implements Callable<Integer> {

        @Mixin
        SimCommand.Connection connection;

        @Mixin
        AmountAndCard card;

        @Mixin
        Original original;

        @Override
        public Integer call() throws IOException {
            long fen = SimCommand.fen(card.amount);
            original.require("sim preauth-void", true, true);
            return SimCommand.signedInThen(connection, "void of pre-authorisation trace " + original.trace,
                    t -> t.preAuthorisationVoid(original.in(t), fen, card.pan));
        }
    }

    @Command(name = "complete", mixinStandardHelpOptions = true,
            description = "Sign in, then complete a pre-authorisation for up to its amount (needs its trace and auth code).")
    static final class Completion implements Callable<Integer> {

        @Mixin
        SimCommand.Connection connection;

        @Mixin
        AmountAndCard card;

        @Mixin
        Original original;

        @Override
        public Integer call() throws IOException {
            long fen = SimCommand.fen(card.amount);
            original.require("sim complete", false, true);
            Made made = new Made();
            int code = SimCommand.signedInThen(connection, "completion of " + card.amount + " yuan",
                    t -> made.result = t.completion(original.in(t), fen, card.pan));
            if (code == 0) {
                TransactionResult r = made.result;
                System.out.println("void it: ./tms sim complete-void --trace " + r.trace() + " --batch " + r.batch()
                        + " --rrn " + r.rrn() + " --auth-code " + r.authCode() + " --amount " + yuan(fen) + pan(card));
            }
            return code;
        }
    }

    @Command(name = "complete-void", mixinStandardHelpOptions = true,
            description = "Sign in, then void a completion (needs its trace and RRN and the same amount).")
    static final class CompletionVoid implements Callable<Integer> {

        @Mixin
        SimCommand.Connection connection;

        @Mixin
        AmountAndCard card;

        @Mixin
        Original original;

        @Override
        public Integer call() throws IOException {
            long fen = SimCommand.fen(card.amount);
            original.require("sim complete-void", true, false);
            return SimCommand.signedInThen(connection, "void of completion trace " + original.trace,
                    t -> t.completionVoid(original.in(t), fen, card.pan));
        }
    }

    /** The result of the exchange, kept to print the commands that act on it next. */
    private static final class Made {
        TransactionResult result;
    }

    private static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    private static String pan(AmountAndCard card) {
        return SimCommand.DEMO_PAN.equals(card.pan) ? "" : " --pan " + card.pan;
    }
}
