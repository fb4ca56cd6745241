package io.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * {@code sluice put STREAM}: each line of stdin becomes a record, sent in PutRecords batches of up to 500 records and
 * 5 MiB; the entries Kinesis refuses (throttled, failed) are sent again, with jittered backoff, up to 10 times.
 */
@Command(exitCodeOnInvalidInput = ExitCodes.USAGE, name = "put", footer = ExitCodes.HELP,
        description = {"Put each line of stdin as a record of STREAM (without its line break), batched with PutRecords,",
                "retrying what Kinesis refuses. The partition key: --key-field of a JSON line, --key, else random.",
                "A summary goes to stderr."})
final class PutCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    HelpOption help;

    static final int MAX_RECORD_BYTES = 1024 * 1024;
    private static final int MAX_ENTRIES = 500;
    private static final int MAX_BATCH_BYTES = 5 * 1024 * 1024;
    private static final int MAX_ATTEMPTS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    Connection connection;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "STREAM", description = "the stream to write")
    String stream;

    @Option(names = "--key-field", paramLabel = "FIELD", description = "each line is JSON; its FIELD is the partition key")
    String keyField;

    @Option(names = "--key", paramLabel = "KEY", description = "the partition key of every record")
    String key;

    /** Where the command reads lines: the real stdin. */
    InputStream source = System.in;

    private long records;
    private long calls;
    private long retried;

    @Override
    public Integer call() throws Exception {
        if (keyField != null && key != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--key-field and --key: give one");
        }
        PrintWriter err = spec.commandLine().getErr();
        BufferedReader in = new BufferedReader(new InputStreamReader(source, StandardCharsets.UTF_8));
        try (KinesisClient kinesis = connection.client()) {
            List<PutRecordsRequestEntry> batch = new ArrayList<>();
            long batchBytes = 0;
            long lineNumber = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                PutRecordsRequestEntry entry;
                try {
                    entry = entry(line, lineNumber);
                } catch (CliException bad) {
                    send(kinesis, batch);
                    summary(err);
                    throw bad;
                }
                long size = entry.data().asByteArrayUnsafe().length + entry.partitionKey().getBytes(StandardCharsets.UTF_8).length;
                if (batch.size() == MAX_ENTRIES || batchBytes + size > MAX_BATCH_BYTES) {
                    send(kinesis, batch);
                    batch.clear();
                    batchBytes = 0;
                }
                batch.add(entry);
                batchBytes += size;
            }
            send(kinesis, batch);
        } catch (RuntimeException e) {
            throw connection.failure(e, stream);
        }
        summary(err);
        return ExitCodes.OK;
    }

    private PutRecordsRequestEntry entry(String line, long lineNumber) {
        byte[] data = line.getBytes(StandardCharsets.UTF_8);
        String partitionKey = key != null ? key : keyField != null ? keyOf(line, lineNumber) : UUID.randomUUID().toString();
        if (partitionKey.isEmpty() || partitionKey.length() > 256) {
            throw new CliException(ExitCodes.BAD_INPUT, "line " + lineNumber + ": the partition key must have 1 to 256 "
                    + "characters, not " + partitionKey.length());
        }
        long size = (long) data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_RECORD_BYTES) {
            throw new CliException(ExitCodes.BAD_INPUT, "line " + lineNumber + ": a record of " + size + " bytes (data and "
                    + "partition key) is over Kinesis's limit of " + MAX_RECORD_BYTES);
        }
        return PutRecordsRequestEntry.builder().partitionKey(partitionKey).data(SdkBytes.fromByteArrayUnsafe(data)).build();
    }

    private String keyOf(String line, long lineNumber) {
        JsonNode json;
        try {
            json = JSON.readTree(line);
        } catch (IOException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "line " + lineNumber + " is not JSON, so it has no field '"
                    + keyField + "' for the partition key");
        }
        JsonNode value = json == null ? null : json.get(keyField);
        if (value == null || value.isNull() || value.isContainerNode()) {
            throw new CliException(ExitCodes.BAD_INPUT, "line " + lineNumber + " has no field '" + keyField
                    + "' with a text or number value for the partition key");
        }
        return value.asText();
    }

    /** One PutRecords, then the refused entries again, in their order, until none is refused or attempts run out. */
    private void send(KinesisClient kinesis, List<PutRecordsRequestEntry> batch) throws InterruptedException {
        List<PutRecordsRequestEntry> pending = List.copyOf(batch);
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<PutRecordsRequestEntry> entries = pending;
            List<PutRecordsResultEntry> results = kinesis.putRecords(r -> r.streamName(stream).records(entries)).records();
            calls++;
            List<PutRecordsRequestEntry> refused = new ArrayList<>();
            String lastError = null;
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).errorCode() == null) {
                    records++;
                } else {
                    refused.add(entries.get(i));
                    lastError = results.get(i).errorCode() + ": " + results.get(i).errorMessage();
                }
            }
            if (!refused.isEmpty() && attempt == MAX_ATTEMPTS) {
                throw new CliException(ExitCodes.SERVICE_ERROR, refused.size() + " records still refused after "
                        + MAX_ATTEMPTS + " attempts (" + lastError + "); " + records + " were put");
            }
            retried += refused.size();
            pending = refused;
            if (!pending.isEmpty()) {
                long base = 100L << Math.min(attempt, 6);
                Thread.sleep(base / 2 + ThreadLocalRandom.current().nextLong(base));
            }
        }
    }

    private void summary(PrintWriter err) {
        err.println("put " + records + " records to " + stream + " in " + calls + " calls, " + retried + " retried");
        err.flush();
    }
}
