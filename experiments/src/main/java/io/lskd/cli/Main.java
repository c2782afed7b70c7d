package io.lskd.cli;

import io.lskd.config.ConfigException;
import io.lskd.run.FolderInUseException;
import io.lskd.run.RunFailedException;
import io.lskd.run.RunInterruptedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lskd} command. */
@Command(name = "lskd", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Label smoothing vs knowledge distillation: run suites, compute metrics, score translations.",
        subcommands = {
                RunCommand.class,
                ReproduceCommand.class,
                ReportCommand.class,
                SuitesCommand.class,
                MetricsCommand.class,
                BleuCommand.class,
                PluginsCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    /** Exit code of a bad suite, bad option or bad input file. */
    static final int USAGE_ERROR = 2;
    /** Exit code when another lskd process holds the results folder. */
    static final int FOLDER_IN_USE = 3;

    public static void main(String[] args) {
        int code;
        try {
            code = execute(args);
        } catch (LinkageError e) { // ND4J's native library failed to load
            code = NativeFallback.retry(e, args);
        }
        System.exit(code);
    }

    /** Runs the command line and returns the exit code; errors are printed to stderr without stack traces. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("lskd: " + message(e));
            if (e instanceof RunInterruptedException) {
                return Interrupts.EXIT_CODE;
            }
            if (e instanceof FolderInUseException) {
                return FOLDER_IN_USE;
            }
            return e instanceof ConfigException || e instanceof IOException || e instanceof IllegalArgumentException
                    ? USAGE_ERROR : 1;
        });
        return cli.execute(args);
    }

    private static String message(Exception e) {
        if (e instanceof ConfigException || e instanceof RunFailedException || e instanceof IOException
                || e instanceof UncheckedIOException || e instanceof IllegalArgumentException
                || e instanceof RunInterruptedException || e instanceof FolderInUseException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
