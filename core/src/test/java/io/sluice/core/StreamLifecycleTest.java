package io.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.api.ListStreamsResult;
import io.sluice.core.api.ShardInfo;
import io.sluice.core.api.StreamDescription;
import io.sluice.core.api.StreamRef;
import io.sluice.core.api.StreamSummary;
import io.sluice.core.api.Tag;
import io.sluice.core.error.InvalidArgumentException;
import io.sluice.core.error.ErrorKind;
import io.sluice.core.error.KinesisException;
import io.sluice.core.error.LimitExceededException;
import io.sluice.core.error.ResourceInUseException;
import io.sluice.core.error.ResourceNotFoundException;
import io.sluice.core.error.ValidationException;
import io.sluice.core.meta.StreamMode;
import io.sluice.core.meta.StreamStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamLifecycleTest {

    @TempDir
    Path dir;
    EngineFixture fx;
    StreamEngine engine;

    private StreamEngine open(EngineConfig config) {
        engine = fx.open(config);
        return engine;
    }

    private StreamEngine open() {
        fx = fx == null ? new EngineFixture(dir) : fx;
        return open(fx.config());
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void createdStreamIsDescribedWithKinesisShardsArnAndDefaults() {
        open().createStream("orders", 2, null, null);
        StreamDescription d = engine.describeStream(StreamRef.named("orders"), null, null);
        assertThat(d.streamName()).isEqualTo("orders");
        assertThat(d.streamArn()).isEqualTo("arn:aws:kinesis:eu-west-1:123456789012:stream/orders");
        assertThat(d.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(d.streamMode()).isEqualTo(StreamMode.PROVISIONED);
        assertThat(d.retentionPeriodHours()).isEqualTo(24);
        assertThat(d.streamCreationTimestampMs()).isEqualTo(EngineFixture.START_MS);
        assertThat(d.encryptionType()).isEqualTo("NONE");
        assertThat(d.hasMoreShards()).isFalse();
        assertThat(d.shards()).extracting(ShardInfo::shardId, ShardInfo::startingHashKey, ShardInfo::endingHashKey)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("shardId-000000000000", "0", "170141183460469231731687303715884105727"),
                        org.assertj.core.groups.Tuple.tuple("shardId-000000000001", "170141183460469231731687303715884105728",
                                "340282366920938463463374607431768211455"));
        assertThat(d.shards().get(0).startingSequenceNumber())
                .isEqualTo("4" + EngineFixture.START_MS + "000000000000" + "0".repeat(19));
        assertThat(d.shards().get(0).endingSequenceNumber()).isNull();
    }

    @Test
    void streamIsFoundByArnAndArnMustMatchName() {
        open().createStream("a", 1, null, null);
        String arn = "arn:aws:kinesis:eu-west-1:123456789012:stream/a";
        assertThat(engine.describeStreamSummary(StreamRef.ofArn(arn)).streamName()).isEqualTo("a");
        assertThatThrownBy(() -> engine.describeStreamSummary(new StreamRef("b", arn)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("StreamARN " + arn + " and StreamName b do not refer to the same stream.");
        assertThatThrownBy(() -> engine.describeStreamSummary(StreamRef.ofArn("arn:aws:kinesis:us-east-1:123456789012:stream/a")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void createRejectsDuplicateName() {
        open().createStream("dup", 1, null, null);
        assertThatThrownBy(() -> engine.createStream("dup", 1, null, null))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessage("Stream dup under account 123456789012 already exists.")
                .extracting(e -> ((KinesisException) e).kind()).isEqualTo(ErrorKind.RESOURCE_IN_USE);
    }

    @Test
    void createValidatesNameAndShardCountWithAwsWording() {
        open();
        assertThatThrownBy(() -> engine.createStream("bad name", 1, null, null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value 'bad name' at 'streamName' failed to satisfy "
                        + "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        assertThatThrownBy(() -> engine.createStream("x".repeat(129), 1, null, null))
                .isInstanceOf(ValidationException.class)
                .hasMessageEndingWith("at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128");
        assertThatThrownBy(() -> engine.createStream("s", 0, null, null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value '0' at 'shardCount' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1");
        assertThatThrownBy(() -> engine.createStream("s", null, StreamMode.PROVISIONED, null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value null at 'shardCount' failed to satisfy constraint:"
                        + " Member must not be null");
    }

    @Test
    void dotNamesAreLegalButNeverBecomeDirectories() throws Exception {
        open().createStream(".", 1, null, null);
        engine.createStream("..", 1, null, null);
        EngineFixture.put(engine, "..", "k", "v");
        assertThat(engine.listStreams(null, null, null).streamNames()).containsExactly(".", "..");
        try (var files = Files.walk(dir)) {
            assertThat(files.allMatch(p -> p.normalize().startsWith(dir))).isTrue();
        }
        try (var streams = Files.list(dir.resolve("streams"))) {
            assertThat(streams.map(p -> p.getFileName().toString()).toList())
                    .hasSize(2).allMatch(n -> n.matches("s-[0-9a-f]{16}"));
        }
        engine.deleteStream(StreamRef.named(".."), false);
        assertThat(Files.exists(dir.resolve("streams"))).as("siblings untouched").isTrue();
        assertThat(engine.listStreams(null, null, null).streamNames()).containsExactly(".");
    }

    @Test
    void openShardLimitRaisesLimitExceededWithAwsWording() {
        fx = new EngineFixture(dir);
        open(fx.config().withOpenShardLimit(5)).createStream("a", 3, null, null);
        assertThatThrownBy(() -> engine.createStream("b", 3, null, null))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("This request would exceed the shard limit for the account 123456789012 in eu-west-1. "
                        + "Current shard count for the account: 3. Limit: 5. Number of additional shards that would "
                        + "have resulted from this request: 3. Refer to the AWS Service Limits page "
                        + "(http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits "
                        + "and how to request higher limits.");
        engine.createStream("b", 2, null, null);
        assertThat(engine.describeLimits().openShardCount()).isEqualTo(5);
    }

    @Test
    void statusesFollowConfiguredDelays() {
        fx = new EngineFixture(dir);
        open(fx.config().withDelays(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ZERO));
        engine.createStream("slow", 1, null, null);
        StreamRef ref = StreamRef.named("slow");
        assertThat(engine.describeStreamSummary(ref).streamStatus()).isEqualTo(StreamStatus.CREATING);
        assertThatThrownBy(() -> EngineFixture.put(engine, "slow", "k", "v"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Stream slow under account 123456789012 not found.");
        fx.clock.advance(Duration.ofSeconds(10));
        assertThat(engine.describeStreamSummary(ref).streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        engine.increaseStreamRetentionPeriod(ref, 48);
        assertThat(engine.describeStreamSummary(ref).streamStatus()).isEqualTo(StreamStatus.UPDATING);
        assertThatThrownBy(() -> engine.increaseStreamRetentionPeriod(ref, 72))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessage("Stream slow under account 123456789012 not ACTIVE, instead in state UPDATING");
        fx.clock.advance(Duration.ofSeconds(5));
        assertThat(engine.describeStreamSummary(ref).streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        engine.deleteStream(ref, false);
        assertThat(engine.describeStreamSummary(ref).streamStatus()).isEqualTo(StreamStatus.DELETING);
        fx.clock.advance(Duration.ofSeconds(3));
        assertThatThrownBy(() -> engine.describeStreamSummary(ref)).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void deletedStreamIsGoneAndItsNameReusable() {
        open().createStream("gone", 1, null, null);
        EngineFixture.put(engine, "gone", "k", "old");
        engine.deleteStream(StreamRef.named("gone"), false);
        assertThatThrownBy(() -> engine.describeStream(StreamRef.named("gone"), null, null))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Stream gone under account 123456789012 not found.");
        fx.clock.advanceMillis(1);
        engine.createStream("gone", 1, null, null);
        assertThat(EngineFixture.drain(engine, EngineFixture.iterator(engine, "gone", "shardId-000000000000",
                io.sluice.core.api.ShardIteratorType.TRIM_HORIZON, null))).isEmpty();
    }

    @Test
    void listStreamsPaginatesInNameOrder() {
        open();
        for (String n : List.of("c", "a", "e", "b", "d")) {
            engine.createStream(n, 1, null, null);
        }
        ListStreamsResult first = engine.listStreams(2, null, null);
        assertThat(first.streamNames()).containsExactly("a", "b");
        assertThat(first.hasMoreStreams()).isTrue();
        ListStreamsResult second = engine.listStreams(2, null, first.nextToken());
        assertThat(second.streamNames()).containsExactly("c", "d");
        ListStreamsResult third = engine.listStreams(2, "d", null);
        assertThat(third.streamNames()).containsExactly("e");
        assertThat(third.hasMoreStreams()).isFalse();
        assertThat(third.nextToken()).isNull();
        assertThat(third.streamSummaries()).extracting(StreamSummary::openShardCount).containsExactly(1);
    }

    @Test
    void describeStreamPaginatesShards() {
        open().createStream("many", 5, null, null);
        StreamDescription page = engine.describeStream(StreamRef.named("many"), 2, "shardId-000000000001");
        assertThat(page.shards()).extracting(ShardInfo::shardId).containsExactly("shardId-000000000002", "shardId-000000000003");
        assertThat(page.hasMoreShards()).isTrue();
    }

    @Test
    void tagsAreAddedListedRemovedAndLimitedToFifty() {
        open().createStream("t", 1, null, Map.of("team", "data"));
        StreamRef ref = StreamRef.named("t");
        engine.addTagsToStream(ref, Map.of("env", "prod", "team", "core"));
        assertThat(engine.listTagsForStream(ref, null, null).tags())
                .containsExactly(new Tag("env", "prod"), new Tag("team", "core"));
        assertThat(engine.listTagsForStream(ref, "env", 1).tags()).containsExactly(new Tag("team", "core"));
        engine.removeTagsFromStream(ref, List.of("env"));
        assertThat(engine.listTagsForStream(ref, null, null).tags()).containsExactly(new Tag("team", "core"));
        Map<String, String> many = new HashMap<>();
        IntStream.range(0, 50).forEach(i -> many.put("k" + i, "v"));
        assertThatThrownBy(() -> engine.addTagsToStream(ref, many))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("Failed to add tags to stream t under account 123456789012 because a given stream "
                        + "cannot have more than 50 tags associated with it.");
        assertThat(engine.listTagsForStream(ref, null, null).tags()).hasSize(1);
    }

    @Test
    void retentionCanBeIncreasedAndDecreasedWithinBounds() {
        open().createStream("r", 1, null, null);
        StreamRef ref = StreamRef.named("r");
        engine.increaseStreamRetentionPeriod(ref, 8760);
        assertThat(engine.describeStreamSummary(ref).retentionPeriodHours()).isEqualTo(8760);
        assertThatThrownBy(() -> engine.increaseStreamRetentionPeriod(ref, 100))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Requested retention period (100 hours) for stream r can not be shorter than existing "
                        + "retention period (8760 hours). Use DecreaseRetentionPeriod API.");
        engine.decreaseStreamRetentionPeriod(ref, 24);
        assertThatThrownBy(() -> engine.decreaseStreamRetentionPeriod(ref, 48))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Requested retention period (48 hours) for stream r can not be longer than existing "
                        + "retention period (24 hours). Use IncreaseRetentionPeriod API.");
        assertThatThrownBy(() -> engine.decreaseStreamRetentionPeriod(ref, 23))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is"
                        + " too short.");
        assertThatThrownBy(() -> engine.increaseStreamRetentionPeriod(ref, 8761))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Maximum allowed retention period is 8760 hours. Requested retention period (8761 hours)"
                        + " is too long.");
    }

    @Test
    void onDemandStreamStartsWithFourShardsAndModeSwitchesBothWays() {
        open().createStream("od", null, StreamMode.ON_DEMAND, null);
        StreamRef ref = StreamRef.named("od");
        StreamSummary s = engine.describeStreamSummary(ref);
        assertThat(s.streamMode()).isEqualTo(StreamMode.ON_DEMAND);
        assertThat(s.openShardCount()).isEqualTo(4);
        engine.updateStreamMode(ref, StreamMode.PROVISIONED);
        assertThat(engine.describeStreamSummary(ref).streamMode()).isEqualTo(StreamMode.PROVISIONED);
        engine.updateStreamMode(ref, StreamMode.ON_DEMAND);
        assertThat(engine.describeStreamSummary(ref).streamMode()).isEqualTo(StreamMode.ON_DEMAND);
        assertThat(engine.describeLimits().onDemandStreamCount()).isEqualTo(1);
    }

    @Test
    void deleteWithRegisteredConsumersNeedsEnforceConsumerDeletion() {
        open().createStream("c", 1, null, null);
        engine.registerStreamConsumer("arn:aws:kinesis:eu-west-1:123456789012:stream/c", "app");
        assertThatThrownBy(() -> engine.deleteStream(StreamRef.named("c"), false))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessage("Stream c under account 123456789012 has registered consumers. Deregister them or set "
                        + "EnforceConsumerDeletion.");
        engine.deleteStream(StreamRef.named("c"), true);
        assertThat(engine.listStreams(null, null, null).streamNames()).isEmpty();
    }
}
