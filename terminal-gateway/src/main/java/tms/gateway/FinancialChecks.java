package tms.gateway;

import org.jpos.iso.ISOMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.iso8583.Field60;
import tms.iso8583.MessageFormatException;
import tms.store.SignedInTerminal;
import tms.store.TerminalState;

/**
 * The checks every MAC-verified financial or settlement request passes before anything is stored: the terminal
 * may transact and names its own merchant; the currency is the yuan; an amount is above zero.
 */
final class FinancialChecks {

    private static final Logger LOG = LoggerFactory.getLogger(FinancialChecks.class);
    static final String CNY = "156";

    private FinancialChecks() {
    }

    /** 58 when the terminal is not ACTIVE, 03 when 42 is not its merchant, otherwise null. */
    static String terminalRefusal(String what, SignedInTerminal terminal, ISOMsg request) {
        if (terminal.state() != TerminalState.ACTIVE) {
            LOG.warn("{} refused: terminal {} is {}", what, terminal.tid(), terminal.state());
            return ResponseCodes.NOT_PERMITTED;
        }
        if (!terminal.mid().equals(request.getString(42))) {
            LOG.warn("{} refused: terminal {} belongs to merchant {}, request names {}", what, terminal.tid(),
                    terminal.mid(), LogText.printable(request.getString(42)));
            return ResponseCodes.INVALID_MERCHANT;
        }
        return null;
    }

    /**
     * For a request that carries a card: 14 without a card number (field 2, or track 2 before its separator);
     * 12 for a currency other than 156 (absent means 156) or without trace and field 60; 13 for an amount that is
     * missing or zero where one is required (field 4 is unsigned digits: a negative amount cannot travel);
     * otherwise null.
     */
    static String cardRequestRefusal(ISOMsg request, boolean amountRequired) {
        if (CardNumber.of(request) == null) {
            return ResponseCodes.INVALID_CARD;
        }
        if (currencyRefusal(request) != null || !request.hasField(11) || !request.hasField(60)) {
            return ResponseCodes.INVALID_TRANSACTION;
        }
        return amountRequired ? amountRefusal(request) : null;
    }

    /** 12 for a currency other than 156 (absent means 156), otherwise null. */
    static String currencyRefusal(ISOMsg request) {
        return request.hasField(49) && !CNY.equals(request.getString(49)) ? ResponseCodes.INVALID_TRANSACTION : null;
    }

    /** 13 for an amount that is missing or zero (field 4 is unsigned digits: a negative amount cannot travel). */
    static String amountRefusal(ISOMsg request) {
        String amount = request.getString(4);
        return amount == null || allZeros(amount) ? ResponseCodes.INVALID_AMOUNT : null;
    }

    private static boolean allZeros(String digits) {
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    /** The batch the terminal names in 60.2; the one handed out at its last sign-in when 60.2 has none. */
    static String batchOf(ISOMsg request, SignedInTerminal terminal) {
        try {
            String batch = Field60.parse(request.getString(60)).batch();
            return batch != null ? batch : terminal.currentBatch();
        } catch (MessageFormatException e) {
            return terminal.currentBatch();
        }
    }
}
