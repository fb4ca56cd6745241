package io.sluice.compat.kcl;

import java.nio.charset.StandardCharsets;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * An application's record processor as the KCL documentation writes one: it handles each batch (here: writes it to
 * the {@link Journal}) and then checkpoints; at a shard's end it checkpoints so the children may start.
 */
final class JournalingProcessor implements ShardRecordProcessor {

    private final String worker;
    private final Journal journal;
    private String shardId;

    JournalingProcessor(String worker, Journal journal) {
        this.worker = worker;
        this.journal = journal;
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
        journal.shardTaken(worker, shardId);
    }

    @Override
    public void processRecords(ProcessRecordsInput input) {
        for (KinesisClientRecord record : input.records()) {
            byte[] data = new byte[record.data().remaining()];
            record.data().get(data);
            journal.processed(worker, shardId, record.partitionKey(), new String(data, StandardCharsets.UTF_8));
        }
        checkpoint(input.checkpointer());
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
        // another worker took the shard; it resumes from the last checkpoint
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        journal.shardEnded(worker, shardId);
        checkpoint(input.checkpointer());
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        checkpoint(input.checkpointer());
    }

    private static void checkpoint(RecordProcessorCheckpointer checkpointer) {
        try {
            checkpointer.checkpoint();
        } catch (ShutdownException leaseGone) {
            // the lease moved on: its new owner replays from the previous checkpoint (at least once)
        } catch (InvalidStateException e) {
            throw new IllegalStateException("checkpoint failed", e);
        }
    }
}
