package io.sluice.cli;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** {@code sluice tail STREAM}: every shard's records, children after parents, one line each. */
@Command(exitCodeOnInvalidInput = ExitCodes.USAGE, name = "tail", footer = ExitCodes.HELP,
        description = {"Print the records of every shard of STREAM, one line each, a child shard after its parents.",
                "Without --follow it stops once every shard is caught up."})
final class TailCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    HelpOption help;

    @Mixin
    Connection connection;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "STREAM", description = "the stream to read")
    String stream;

    @Option(names = "--from", paramLabel = "WHERE", defaultValue = "trim-horizon",
            description = "trim-horizon (default), latest, or an ISO-8601 instant such as 2026-12-05T10:00:00Z")
    String from;

    @Option(names = "--follow", description = "keep reading new records, and new shards after a reshard")
    boolean follow;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default: shard, sequence number, key, data), json (one object per line), raw (the data)")
    String format;

    @Option(names = "--max-records", paramLabel = "N", description = "stop after N records")
    long maxRecords = Long.MAX_VALUE;

    /** Where the command writes records: the real stdout, as bytes (raw data need not be text). */
    OutputStream sink = System.out;

    @Override
    public Integer call() throws Exception {
        RecordFormat recordFormat = parseFormat();
        StreamTail.From start = parseFrom();
        OutputStream out = new BufferedOutputStream(sink);
        try (KinesisClient kinesis = connection.client()) {
            new StreamTail(kinesis, stream, start, follow).run(maxRecords, (shard, record) -> {
                recordFormat.print(shard, record, out);
                if (follow) {
                    flush(out);
                }
            });
        } catch (RuntimeException e) {
            throw connection.failure(e, stream);
        } finally {
            out.flush();
        }
        return ExitCodes.OK;
    }

    private RecordFormat parseFormat() {
        try {
            return RecordFormat.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--format: '" + format + "' is not one of text, json, raw");
        }
    }

    private StreamTail.From parseFrom() {
        switch (from.toLowerCase(Locale.ROOT)) {
            case "trim-horizon":
                return new StreamTail.From(ShardIteratorType.TRIM_HORIZON, null);
            case "latest":
                return new StreamTail.From(ShardIteratorType.LATEST, null);
            default:
                try {
                    return new StreamTail.From(ShardIteratorType.AT_TIMESTAMP, Instant.parse(from));
                } catch (DateTimeParseException e) {
                    throw new ParameterException(spec.commandLine(), "--from: '" + from + "' is not trim-horizon, "
                            + "latest or an ISO-8601 instant such as 2026-12-05T10:00:00Z");
                }
        }
    }

    private static void flush(OutputStream out) {
        try {
            out.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
