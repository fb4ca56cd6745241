package io.sluice.server.actions;

import io.sluice.core.StreamEngine;
import io.sluice.server.protocol.Action;
import io.sluice.server.protocol.ActionRegistry;
import java.time.Duration;
import java.util.List;

/** Every Kinesis action Sluice serves, bound to one engine. */
public final class KinesisActions {

    private KinesisActions() {
    }

    /** {@code subscriptionLifetime}: how long a SubscribeToShard stream lasts (5 minutes on Kinesis). */
    public static ActionRegistry registry(StreamEngine engine, Duration subscriptionLifetime) {
        List<Action> actions = List.of(
                new CreateStream(engine),
                new DeleteStream(engine),
                new DescribeStream(engine),
                new DescribeStreamSummary(engine),
                new DescribeLimits(engine),
                new ListStreams(engine),
                new ListShards(engine),
                new PutRecord(engine),
                new PutRecords(engine),
                new GetShardIterator(engine),
                new GetRecords(engine),
                new SplitShard(engine),
                new MergeShards(engine),
                new UpdateShardCount(engine),
                new UpdateStreamMode(engine),
                RetentionPeriod.increase(engine),
                RetentionPeriod.decrease(engine),
                new AddTagsToStream(engine),
                new RemoveTagsFromStream(engine),
                new ListTagsForStream(engine),
                ResourceTags.tag(engine),
                ResourceTags.untag(engine),
                ResourceTags.list(engine),
                EnhancedMonitoring.enable(engine),
                EnhancedMonitoring.disable(engine),
                StreamEncryption.start(engine),
                StreamEncryption.stop(engine),
                StreamConsumers.register(engine),
                StreamConsumers.describe(engine),
                StreamConsumers.list(engine),
                StreamConsumers.deregister(engine),
                ResourcePolicy.put(engine),
                ResourcePolicy.get(engine),
                ResourcePolicy.delete(engine),
                new SubscribeToShard(engine, subscriptionLifetime));
        return new ActionRegistry(actions);
    }
}
