package io.sluice.core.limits;

/**
 * Kinesis's per-shard throughput limits. {@link #KINESIS} is the default; {@link #OFF} lifts them all.
 *
 * @param enabled                  false lifts every throughput limit below
 * @param writeBytesPerSecond      1 MiB/s per shard (data + partition key)
 * @param writeRecordsPerSecond    1000 records/s per shard
 * @param readBytesPerSecond       2 MiB/s per shard, shared by all polling readers
 * @param readCallsPerSecond       5 GetRecords/s per shard, sustained
 * @param readCallBurst            10 GetRecords calls a shard admits back to back before the 5/s applies: a token
 *                                 bucket of that capacity. Against AWS the network spaces a tight polling loop's
 *                                 calls; on loopback six land within milliseconds, and the seed's consumer (pages of
 *                                 10 until an empty one) would be throttled on its sixth call. Over any T seconds a
 *                                 shard serves at most 10 + 5·T calls, so a sustained loop is still throttled.
 * @param iteratorCallsPerSecond   5 GetShardIterator/s per shard
 * @param maxBytesPerRead          10 MiB per GetRecords call
 * @param penaltyAfterMaxReadMs    5 s during which reads fail after a call that returned {@code maxBytesPerRead}
 */
public record ThroughputLimits(boolean enabled, long writeBytesPerSecond, int writeRecordsPerSecond,
                               long readBytesPerSecond, int readCallsPerSecond, int readCallBurst,
                               int iteratorCallsPerSecond,
                               long maxBytesPerRead, long penaltyAfterMaxReadMs) {

    public static final long MIB = 1024L * 1024;
    public static final ThroughputLimits KINESIS =
            new ThroughputLimits(true, MIB, 1000, 2 * MIB, 5, 10, 5, 10 * MIB, 5000);
    public static final ThroughputLimits OFF = KINESIS.withEnabled(false);

    public ThroughputLimits withEnabled(boolean on) {
        return new ThroughputLimits(on, writeBytesPerSecond, writeRecordsPerSecond, readBytesPerSecond,
                readCallsPerSecond, readCallBurst, iteratorCallsPerSecond, maxBytesPerRead, penaltyAfterMaxReadMs);
    }
}
