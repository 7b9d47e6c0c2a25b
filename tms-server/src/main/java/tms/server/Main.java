package tms.server;

import picocli.CommandLine;

/** The entry point of the one runnable jar. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        prepareLogging(args);
        int exit = commandLine().execute(args);
        if (exit != 0 || !isLongRunning(args)) {
            System.exit(exit);
        }
    }

    /** The command line with its error handling, shared with the tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new TmsCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new UserErrors());
    }

    /**
     * Logback reads its settings once, at the first logger; the data directory (for the log file) and the
     * console's verbosity come from the command line, so they are set here before anything logs.
     */
    private static void prepareLogging(String[] args) {
        String data = "data";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data") && i + 1 < args.length) {
                data = args[i + 1];
            } else if (args[i].startsWith("--data=")) {
                data = args[i].substring("--data=".length());
            }
        }
        System.setProperty("tms.data", data);
        // run narrates on the console; the one-shot commands print their own results, and what they
        // log (development-LMK reminders, migrations) goes to the log file unless it is an error
        System.setProperty("tms.console.level", isLongRunning(args) ? "INFO" : "ERROR");
    }

    private static boolean isLongRunning(String[] args) {
        return args.length > 0 && args[0].equals("run");
    }
}
