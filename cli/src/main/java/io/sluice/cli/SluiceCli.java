package io.sluice.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code sluice}: a kcat-style tool for any Kinesis endpoint, Sluice or AWS — {@code streams}, {@code tail},
 * {@code put}. Errors are one line on stderr, {@code sluice: ...}, with the exit codes of {@link ExitCodes}.
 */
@Command(exitCodeOnInvalidInput = ExitCodes.USAGE, name = "sluice", footer = ExitCodes.HELP,
        description = "Streams of any Kinesis endpoint, from the command line.",
        subcommands = {StreamsCommand.class, TailCommand.class, PutCommand.class})
public final class SluiceCli implements Runnable {

    @picocli.CommandLine.Mixin
    HelpOption help;

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs one command line with these streams; returns its exit code. */
    public static int run(String[] args, InputStream in, OutputStream out, OutputStream err) {
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine cli = new CommandLine(new SluiceCli(), new StreamsFactory(in, out))
                .setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true))
                .setErr(errWriter)
                .setExecutionExceptionHandler((e, commandLine, parsed) -> {
                    if (e instanceof CliException failure) {
                        commandLine.getErr().println("sluice: " + failure.getMessage());
                        return failure.exitCode();
                    }
                    throw e;
                });
        return cli.execute(args);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: streams, tail or put");
    }

    /** Creates the commands with the streams they read and write, so tests run them in-process. */
    private record StreamsFactory(InputStream in, OutputStream out) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            K created = CommandLine.defaultFactory().create(type);
            if (created instanceof TailCommand tail) {
                tail.sink = out;
            } else if (created instanceof PutCommand put) {
                put.source = in;
            }
            return created;
        }
    }
}
