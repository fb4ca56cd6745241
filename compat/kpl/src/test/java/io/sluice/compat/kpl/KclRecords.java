package io.sluice.compat.kpl;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * What KCL's record processors were given, in the order each shard's processor got it; every processor checkpoints
 * after each batch, as an application does. Thread-safe: KCL runs one processor per shard, each on its own thread.
 */
final class KclRecords implements ShardRecordProcessorFactory {

    /** One user record as KCL handed it over (de-aggregated by KCL when it came in an aggregate). */
    record Processed(String shardId, String partitionKey, byte[] data, BigInteger sequenceNumber, long subSequenceNumber) {
    }

    private final List<Processed> processed = new CopyOnWriteArrayList<>();

    List<Processed> processed() {
        return List.copyOf(processed);
    }

    @Override
    public ShardRecordProcessor shardRecordProcessor() {
        return new Processor();
    }

    private final class Processor implements ShardRecordProcessor {
        private String shardId;

        @Override
        public void initialize(InitializationInput input) {
            shardId = input.shardId();
        }

        @Override
        public void processRecords(ProcessRecordsInput input) {
            for (KinesisClientRecord record : input.records()) {
                byte[] data = new byte[record.data().remaining()];
                record.data().get(data);
                processed.add(new Processed(shardId, record.partitionKey(), data,
                        new BigInteger(record.sequenceNumber()), record.subSequenceNumber()));
            }
            checkpoint(input.checkpointer());
        }

        @Override
        public void leaseLost(LeaseLostInput input) {
            // Another worker owns the shard now and goes on from the last checkpoint.
        }

        @Override
        public void shardEnded(ShardEndedInput input) {
            checkpoint(input.checkpointer());
        }

        @Override
        public void shutdownRequested(ShutdownRequestedInput input) {
            checkpoint(input.checkpointer());
        }

        private void checkpoint(RecordProcessorCheckpointer checkpointer) {
            try {
                checkpointer.checkpoint();
            } catch (InvalidStateException | ShutdownException e) {
                throw new IllegalStateException("KCL refused the checkpoint of " + shardId, e);
            }
        }
    }
}
