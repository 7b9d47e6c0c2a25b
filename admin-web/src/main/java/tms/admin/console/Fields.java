package tms.admin.console;

import tms.admin.UnitCodes;

/** The inventory and terminal pages' shared reading of fields: serial numbers, page sizes, keyset positions. */
final class Fields {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;

    private Fields() {
    }

    /** A serial number from a path or a form, or 400 naming what is wrong with it. */
    static String serial(String value) {
        String problem = UnitCodes.serialProblem(value);
        if (problem != null) {
            throw new InputRefused(problem);
        }
        return value;
    }

    /** The page size asked for ({@code size}), 1 to {@value #MAX_PAGE}, {@value #DEFAULT_PAGE} if not given. */
    static int size(ConsoleRequest r) {
        String value = r.field("size");
        if (value == null) {
            return DEFAULT_PAGE;
        }
        try {
            int size = Integer.parseInt(value);
            if (size >= 1 && size <= MAX_PAGE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InputRefused("size must be a whole number from 1 to " + MAX_PAGE + ", not '" + value + "'");
    }

    /** The serial number the page starts after ({@code after}), or null for the first page. */
    static String after(ConsoleRequest r) {
        String value = r.field("after");
        if (value != null && UnitCodes.serialProblem(value) != null) {
            throw new InputRefused("after must be a serial number (the last one of the page before), not '" + value
                    + "'");
        }
        return value;
    }
}
