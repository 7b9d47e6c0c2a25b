package tms.server;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** tms: the terminal management server and its tools. */
@Command(name = "tms", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Terminal management server for China UnionPay POS terminals.",
        subcommands = {RunCommand.class, MigrateCommand.class, TerminalCommand.class, PlatformCommand.class, TransactionsCommand.class,
                SimCommand.class, LmkCommand.class, HelpCommand.class})
public final class TmsCommand {
}
