package tms.server;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an error the user can fix into one line on stderr and exit code 1; anything else keeps its stack
 * trace, because then it is ours to fix.
 */
final class UserErrors implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        if (e instanceof UserError || e instanceof IllegalArgumentException || e instanceof java.io.IOException
                || e instanceof tms.hsm.HsmException || e instanceof tms.store.StoreUnavailableException
                || e instanceof tms.gateway.GatewayBindException || e instanceof tms.admin.TerminalActionRefused) {
            command.getErr().println("error: " + e.getMessage());
            return 1;
        }
        command.getErr().println("error: " + e);
        e.printStackTrace(command.getErr());
        return 2;
    }
}
