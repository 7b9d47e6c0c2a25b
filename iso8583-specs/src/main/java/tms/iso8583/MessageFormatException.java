package tms.iso8583;

/** Bytes or values that do not follow the CUP 8583 wire format; the message names the part and the problem. */
public class MessageFormatException extends Exception {

    /**
     * @param message names the field or part that is wrong and what was expected
     */
    public MessageFormatException(String message) {
        super(message);
    }

    /**
     * @param message names the field or part that is wrong and what was expected
     * @param cause   the underlying failure, kept for diagnosis
     */
    public MessageFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
