package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.ValidationException;

/**
 * The Kinesis API through the real AWS SDK v2 clients — sync (Apache, HTTP/1.1) and async (Netty, h2c), each with
 * CBOR and with JSON — against a real Sluice server on loopback.
 */
class KinesisApiIT {

    @RegisterExtension
    static final ServerWithClients sluice = new ServerWithClients(config -> config.withLimits(false));

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void recordsPutAreReadBackByteForByteInPerKeyOrder(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("roundtrip");
        kinesis.createStream(r -> r.streamName(stream).shardCount(2));
        assertThat(summary(kinesis, stream).streamStatus()).isEqualTo(StreamStatus.ACTIVE);

        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] data = ("record-" + i + "-\u00e9\u0000\u00ff").getBytes(StandardCharsets.UTF_8);
            sent.add(data);
            int n = i;
            kinesis.putRecord(r -> r.streamName(stream).partitionKey("key-" + (n % 4)).data(SdkBytes.fromByteArray(data)));
        }
        List<PutRecordsRequestEntry> batch = IntStream.range(20, 40)
                .mapToObj(i -> PutRecordsRequestEntry.builder().partitionKey("key-" + (i % 4))
                        .data(SdkBytes.fromUtf8String("record-" + i)).build())
                .toList();
        batch.forEach(e -> sent.add(e.data().asByteArray()));
        PutRecordsResponse put = kinesis.putRecords(r -> r.streamName(stream).records(batch));
        assertThat(put.failedRecordCount()).isZero();
        assertThat(put.encryptionType()).as("AWS states EncryptionType only for encrypted records").isNull();
        assertThat(put.records()).allSatisfy(e -> assertThat(e.sequenceNumber()).isNotBlank());

        List<Record> received = readAll(kinesis, stream);

        assertThat(received).extracting(r -> new String(r.data().asByteArray(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(sent.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList());
        for (int key = 0; key < 4; key++) {
            String partitionKey = "key-" + key;
            List<Integer> order = received.stream().filter(r -> r.partitionKey().equals(partitionKey))
                    .map(r -> Integer.parseInt(new String(r.data().asByteArray(), StandardCharsets.UTF_8).split("-")[1]))
                    .toList();
            assertThat(order).as("records of %s in put order", partitionKey).isSorted();
        }
        assertThat(received).allSatisfy(r -> assertThat(r.approximateArrivalTimestamp())
                .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1)));
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void atTimestampIteratorsSkipOlderRecords(KinesisClients kind) throws InterruptedException {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("attimestamp");
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        kinesis.putRecord(r -> r.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("before")));
        Instant cut = arrival(kinesis, stream).plusMillis(1);
        while (!Instant.now().isAfter(cut)) {
            Thread.sleep(2); // the next record must arrive after the cut, at millisecond resolution
        }
        kinesis.putRecord(r -> r.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("after")));

        String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(cut)).shardIterator();
        GetRecordsResponse records = kinesis.getRecords(r -> r.shardIterator(iterator));

        assertThat(records.records()).extracting(r -> r.data().asUtf8String()).containsExactly("after");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void splitAndMergeReportLineageAndChildShards(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("reshard");
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        kinesis.putRecord(r -> r.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("parent")));
        String parentIterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();

        kinesis.splitShard(r -> r.streamName(stream).shardToSplit("shardId-000000000000")
                .newStartingHashKey("170141183460469231731687303715884105728"));
        List<Shard> shards = kinesis.listShards(r -> r.streamName(stream)).shards();

        assertThat(shards).extracting(Shard::shardId)
                .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
        assertThat(shards.get(0).sequenceNumberRange().endingSequenceNumber()).as("the parent is closed").isNotNull();
        assertThat(shards.get(1).parentShardId()).isEqualTo("shardId-000000000000");
        assertThat(shards.get(1).hashKeyRange().endingHashKey()).isEqualTo("170141183460469231731687303715884105727");
        assertThat(shards.get(2).hashKeyRange().startingHashKey()).isEqualTo("170141183460469231731687303715884105728");

        GetRecordsResponse first = kinesis.getRecords(r -> r.shardIterator(parentIterator));
        GetRecordsResponse end = first.nextShardIterator() == null ? first
                : kinesis.getRecords(r -> r.shardIterator(first.nextShardIterator()));
        assertThat(first.records()).extracting(r -> r.data().asUtf8String()).containsExactly("parent");
        assertThat(end.nextShardIterator()).as("a drained closed shard has no next iterator").isNull();
        assertThat(end.childShards()).extracting(ChildShard::shardId)
                .containsExactly("shardId-000000000001", "shardId-000000000002");

        kinesis.mergeShards(r -> r.streamName(stream).shardToMerge("shardId-000000000001")
                .adjacentShardToMerge("shardId-000000000002"));
        Shard merged = kinesis.listShards(r -> r.streamName(stream)).shards().get(3);
        assertThat(merged.parentShardId()).isEqualTo("shardId-000000000001");
        assertThat(merged.adjacentParentShardId()).isEqualTo("shardId-000000000002");
        assertThat(merged.hashKeyRange().startingHashKey()).isEqualTo("0");
        assertThat(merged.hashKeyRange().endingHashKey()).isEqualTo("340282366920938463463374607431768211455");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void onDemandStreamsReportTheirModeAndRefuseSplits(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("ondemand");
        kinesis.createStream(r -> r.streamName(stream).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));

        StreamDescriptionSummary summary = summary(kinesis, stream);
        assertThat(summary.streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND);
        assertThat(summary.openShardCount()).isPositive();
        assertThatThrownBy(() -> kinesis.splitShard(r -> r.streamName(stream).shardToSplit("shardId-000000000000")
                .newStartingHashKey("1")))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("SplitShard is not supported for stream " + stream + " under account 000000000000 "
                        + "because it is in ON_DEMAND mode; on-demand streams scale themselves.");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void answersDocumentedErrorsWithTheirTypes(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("errors");

        assertThatThrownBy(() -> kinesis.describeStreamSummary(r -> r.streamName(stream)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Stream " + stream + " under account 000000000000 not found.");
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        assertThatThrownBy(() -> kinesis.createStream(r -> r.streamName(stream).shardCount(1)))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageStartingWith("Stream " + stream + " under account 000000000000 already exists.");
        assertThatThrownBy(() -> kinesis.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and "
                        + "StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request "
                        + "specified AT_SEQUENCE_NUMBER and no StartingSequenceNumber.");
        assertThatThrownBy(() -> kinesis.createStream(r -> r.streamName("bad name!").shardCount(0)))
                .isInstanceOfSatisfying(KinesisException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("2 validation errors detected: "
                            + "Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1; "
                            + "Value 'bad name!' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
                    assertThat(e.requestId()).as("every response carries x-amzn-RequestId").isNotBlank();
                });
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void tagsConsumersAndLimitsRoundTrip(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("meta");
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        String arn = summary(kinesis, stream).streamARN();

        kinesis.addTagsToStream(r -> r.streamName(stream).tags(Map.of("team", "data", "env", "test")));
        kinesis.removeTagsFromStream(r -> r.streamName(stream).tagKeys("env"));
        assertThat(kinesis.listTagsForStream(r -> r.streamName(stream)).tags())
                .extracting(t -> t.key() + "=" + t.value()).containsExactly("team=data");
        assertThat(kinesis.listTagsForResource(r -> r.resourceARN(arn)).tags())
                .extracting(t -> t.key() + "=" + t.value()).containsExactly("team=data");

        String consumerArn = kinesis.registerStreamConsumer(r -> r.streamARN(arn).consumerName("fanout")).consumer().consumerARN();
        assertThat(consumerArn).startsWith(arn + "/consumer/fanout:");
        assertThat(kinesis.describeStreamConsumer(r -> r.consumerARN(consumerArn)).consumerDescription().streamARN())
                .isEqualTo(arn);
        assertThat(kinesis.listStreamConsumers(r -> r.streamARN(arn)).consumers()).hasSize(1);

        assertThat(kinesis.describeLimits(r -> { }).shardLimit()).isPositive();
        assertThat(kinesis.listStreams(r -> { }).streamNames()).contains(stream);
        assertThat(arn).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/" + stream);
    }

    private static StreamDescriptionSummary summary(KinesisClient kinesis, String stream) {
        return kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary();
    }

    private static Instant arrival(KinesisClient kinesis, String stream) {
        String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<Record> records = kinesis.getRecords(r -> r.shardIterator(iterator)).records();
        return records.get(records.size() - 1).approximateArrivalTimestamp();
    }

    private static List<Record> readAll(KinesisClient kinesis, String stream) {
        List<Record> all = new ArrayList<>();
        for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current));
                all.addAll(page.records());
                iterator = page.records().isEmpty() ? null : page.nextShardIterator();
            }
        }
        return all;
    }
}
