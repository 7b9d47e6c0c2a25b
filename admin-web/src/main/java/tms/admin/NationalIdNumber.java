package tms.admin;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * A resident identity card number as GB 11643-1999 defines it: six digits of the address code, eight of the birth
 * date, three of a sequence, and a check character (a digit or X). It is held only long enough to hash it in the
 * security module and mask it: {@link #toString()} shows the masked form, so it cannot leak into a log by accident.
 */
public final class NationalIdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private final String value;

    private NationalIdNumber(String value) {
        this.value = value;
    }

    /**
     * The number typed (spaces ignored, a lower-case x accepted), refused unless it has 18 characters, a real birth
     * date and the check character the first 17 digits give. The messages never repeat the number.
     */
    public static NationalIdNumber parse(String typed, LocalDate today) {
        if (typed == null || typed.isBlank()) {
            throw new ApplicationFieldRefused("fill in the merchant's ID number (18 characters from the ID card)");
        }
        String id = typed.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        if (id.length() == 15 && id.chars().allMatch(Character::isDigit)) {
            throw new ApplicationFieldRefused("the ID number has 15 digits: first-generation ID cards are no longer "
                    + "valid; ask the merchant for the 18-character number of the second-generation card");
        }
        if (!id.matches("[0-9]{17}[0-9X]")) {
            throw new ApplicationFieldRefused("the ID number must be 18 characters: 17 digits and a check character "
                    + "(a digit or X); it has " + id.length() + " characters" + (id.length() == 18
                    ? " but not all of them are digits where digits belong" : ""));
        }
        LocalDate born;
        try {
            born = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
        } catch (DateTimeException e) {
            throw new ApplicationFieldRefused("the ID number's birth date (characters 7 to 14) is not a date: "
                    + "check it against the ID card");
        }
        if (born.getYear() < 1900 || born.isAfter(today)) {
            throw new ApplicationFieldRefused("the ID number's birth date (characters 7 to 14) is not a plausible "
                    + "birth date: check it against the ID card");
        }
        char expected = checkCharacter(id);
        if (id.charAt(17) != expected) {
            throw new ApplicationFieldRefused("the ID number's check character (the 18th) does not match its first 17 "
                    + "digits under the GB 11643-1999 check-digit rule: a digit was probably mistyped; check the "
                    + "number against the ID card");
        }
        return new NationalIdNumber(id);
    }

    /** ISO 7064 MOD 11-2, as GB 11643-1999 prescribes: the weighted sum of the 17 digits modulo 11 picks the character. */
    static char checkCharacter(String id) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** The number itself, for the security module's keyed hash only. */
    String value() {
        return value;
    }

    /** The first 3 and last 4 characters, the rest as asterisks: enough to recognise a card, not to use it. */
    public String masked() {
        return value.substring(0, 3) + "*".repeat(value.length() - 7) + value.substring(value.length() - 4);
    }

    @Override
    public String toString() {
        return masked();
    }
}
