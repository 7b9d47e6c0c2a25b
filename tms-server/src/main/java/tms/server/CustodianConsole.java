package tms.server;

import java.io.Console;

/** The terminal a key ceremony talks to: visible lines, hidden lines, and a screen it can clear. */
interface CustodianConsole {

    /** Prints a line. */
    void println(String line);

    /** Reads a line that is echoed (a confirmation); null at end of input. */
    String readLine(String prompt);

    /** Reads a line without echoing it (a component); null at end of input. The caller zeroes the array. */
    char[] readHidden(String prompt);

    /** Clears the screen and its scroll-back, so that a component shown to one custodian is gone for the next. */
    void clearScreen();

    // From Java 22 System.console() answers even when the streams are redirected; isTerminal() (22+) tells them apart.
    // Called reflectively because the code is compiled for 17, where a non-null console is always a terminal.
    private static boolean isTerminal(Console console) {
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException before22) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** The process's terminal, or an error naming the non-interactive alternative when there is none. */
    static CustodianConsole system(String alternative) {
        Console console = System.console();
        if (console == null || !isTerminal(console)) {
            throw new UserError("this needs an interactive terminal (System.console() is unavailable: input or output "
                    + "is redirected); " + alternative);
        }
        return new CustodianConsole() {
            @Override
            public void println(String line) {
                console.writer().println(line);
                console.flush();
            }

            @Override
            public String readLine(String prompt) {
                return console.readLine("%s", prompt);
            }

            @Override
            public char[] readHidden(String prompt) {
                return console.readPassword("%s", prompt);
            }

            @Override
            public void clearScreen() {
                // ANSI: cursor home, clear screen, clear scroll-back; then blank lines for terminals without ANSI
                console.writer().print("\033[H\033[2J\033[3J");
                for (int i = 0; i < 60; i++) {
                    console.writer().println();
                }
                console.flush();
            }
        };
    }
}
