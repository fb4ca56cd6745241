package io.sluice.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;

/** {@code sluice streams}: every stream with its status, mode, open shards and retention, as a table. */
@Command(exitCodeOnInvalidInput = ExitCodes.USAGE, name = "streams", description = "List the streams: name, status, mode, open shards, retention.",
        footer = ExitCodes.HELP)
final class StreamsCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    HelpOption help;

    @Mixin
    Connection connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "STATUS", "MODE", "OPEN SHARDS", "RETENTION"});
        try (KinesisClient kinesis = connection.client()) {
            String token = null;
            do {
                String page = token;
                ListStreamsResponse streams = kinesis.listStreams(r -> r.nextToken(page));
                for (String name : streams.streamNames()) {
                    StreamDescriptionSummary s = kinesis.describeStreamSummary(r -> r.streamName(name))
                            .streamDescriptionSummary();
                    rows.add(new String[] {name, s.streamStatusAsString(),
                            s.streamModeDetails() == null ? "PROVISIONED" : s.streamModeDetails().streamModeAsString(),
                            Integer.toString(s.openShardCount()), s.retentionPeriodHours() + "h"});
                }
                token = Boolean.TRUE.equals(streams.hasMoreStreams()) ? streams.nextToken() : null;
            } while (token != null);
        } catch (RuntimeException e) {
            throw connection.failure(e, null);
        }
        print(rows, out);
        return ExitCodes.OK;
    }

    private static void print(List<String[]> rows, PrintWriter out) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }
}
