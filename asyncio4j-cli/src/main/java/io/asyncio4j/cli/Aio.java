package io.asyncio4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code aio} command: a tour of asyncio4j and a handful of everyday network tools built on it.
 * Errors a user can make print one line and exit non-zero; {@code --debug} shows stack traces.
 *
 * <pre>{@code
 * ./aio demo
 * }</pre>
 */
@Command(name = "aio", mixinStandardHelpOptions = true, version = "aio 0.1.0",
        description = "asyncio4j: Python's asyncio for Java 25.",
        subcommands = {DemoCommand.class, ServeCommand.class, FetchCommand.class, GetCommand.class, WsCommand.class, EchoCommand.class, ExampleCommand.class, CommandLine.HelpCommand.class})
public final class Aio {
    @Option(names = "--debug", description = "Show stack traces and enable the loop's debug mode.", scope = CommandLine.ScopeType.INHERIT)
    boolean debug;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (used by tests). */
    public static int run(String... args) {
        CliLogging.setup();
        CommandLine cl = new CommandLine(new Aio());
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            boolean debug = parse.matchedOption("--debug") != null
                    || (parse.subcommand() != null && parse.subcommand().matchedOption("--debug") != null);
            if (debug) {
                ex.printStackTrace(line.getErr());
            } else {
                line.getErr().println("aio: " + UserErrors.describe(ex));
            }
            return 1;
        });
        return cl.execute(args);
    }
}
