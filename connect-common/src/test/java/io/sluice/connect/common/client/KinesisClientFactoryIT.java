package io.sluice.connect.common.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connect.common.config.KinesisConnection;
import io.sluice.connect.common.config.KinesisConnectionConfig;
import io.sluice.connect.common.kpl.KplAggregation;
import io.sluice.connect.common.kpl.KplAggregation.Aggregate;
import io.sluice.connect.common.kpl.KplAggregation.Aggregator;
import io.sluice.connect.common.kpl.KplAggregation.UserRecord;
import io.sluice.server.testing.SluiceServerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Clients from the factory against a real Sluice server on loopback: endpoint override, credentials, CBOR/JSON. */
class KinesisClientFactoryIT {

    @RegisterExtension
    static final SluiceServerExtension SLUICE = SluiceServerExtension.builder().limitsOff().build();

    /** Records the Content-Type of every request the client sends. */
    private static final class ContentTypes implements ExecutionInterceptor {
        final Set<String> seen = ConcurrentHashMap.newKeySet();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            context.httpRequest().firstMatchingHeader("Content-Type").ifPresent(seen::add);
        }
    }

    private static Map<String, String> props(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("kinesis.base.url", SLUICE.endpoint().toString());
        props.put("kinesis.region", "us-east-1");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    /** {@link #props} with static keys (the server accepts any well-formed signature). */
    private static Map<String, String> staticProps(String... keyValues) {
        Map<String, String> props = props(keyValues);
        props.put("aws.access.key.id", "AKIAIOSFODNN7EXAMPLE");
        props.put("aws.secret.key.id", "secret-1");
        return props;
    }

    private static List<Record> putAndReadBack(KinesisClient kinesis, String stream, List<String> values) {
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            String key = "key-" + i;
            kinesis.putRecord(r -> r.streamName(stream).partitionKey(key).data(SdkBytes.fromUtf8String(value)));
        }
        String shardId = kinesis.listShards(r -> r.streamName(stream)).shards().get(0).shardId();
        String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        return kinesis.getRecords(r -> r.shardIterator(iterator)).records();
    }

    @ParameterizedTest(name = "cbor.enabled={0}")
    @ValueSource(booleans = {true, false})
    void roundTripsRecordsThroughTheEndpointOverrideWithCborOnAndOff(boolean cbor) {
        KinesisConnection connection = KinesisConnectionConfig.parse(staticProps(
                "aws.credentials.provider", "static", "kinesis.cbor.enabled", Boolean.toString(cbor)));
        ContentTypes contentTypes = new ContentTypes();
        try (ManagedKinesisClient managed = KinesisClientFactory.create(connection,
                o -> o.addExecutionInterceptor(contentTypes))) {
            List<Record> records = putAndReadBack(managed.client(), "cbor-" + cbor,
                    List.of("one", "twö", "three"));
            assertThat(records).extracting(r -> r.data().asUtf8String()).containsExactly("one", "twö", "three");
            assertThat(records).extracting(Record::partitionKey).containsExactly("key-0", "key-1", "key-2");
        }
        assertThat(contentTypes.seen).as("what went over the wire")
                .containsExactly(cbor ? "application/x-amz-cbor-1.1" : "application/x-amz-json-1.1");
    }

    @Test
    void clientsWithCborOnAndOffCoexist() {
        ContentTypes cborTypes = new ContentTypes();
        ContentTypes jsonTypes = new ContentTypes();
        try (ManagedKinesisClient cbor = KinesisClientFactory.create(KinesisConnectionConfig.parse(staticProps()),
                o -> o.addExecutionInterceptor(cborTypes));
             ManagedKinesisClient json = KinesisClientFactory.create(
                     KinesisConnectionConfig.parse(staticProps("kinesis.cbor.enabled", "false")),
                     o -> o.addExecutionInterceptor(jsonTypes))) {
            cbor.client().listStreams();
            json.client().listStreams();
            cbor.client().listStreams();
        }
        assertThat(cborTypes.seen).containsExactly("application/x-amz-cbor-1.1");
        assertThat(jsonTypes.seen).containsExactly("application/x-amz-json-1.1");
    }

    @Test
    void profileCredentialsFromASharedCredentialsFileReachTheServer(@TempDir Path dir) throws IOException {
        Path credentials = Files.writeString(dir.resolve("credentials"),
                "[it]\naws_access_key_id = AKIDITPROFILE0000001\naws_secret_access_key = it-secret\n");
        Path config = Files.writeString(dir.resolve("config"), "");
        String savedCredentials = System.setProperty("aws.sharedCredentialsFile", credentials.toString());
        String savedConfig = System.setProperty("aws.configFile", config.toString());
        try (ManagedKinesisClient managed = KinesisClientFactory.create(KinesisConnectionConfig.parse(props(
                "aws.credentials.provider", "profile", "aws.profile.name", "it")))) {
            List<Record> records = putAndReadBack(managed.client(), "profile", List.of("via-profile"));
            assertThat(records).extracting(r -> r.data().asUtf8String()).containsExactly("via-profile");
        } finally {
            restore("aws.sharedCredentialsFile", savedCredentials);
            restore("aws.configFile", savedConfig);
        }
    }

    @Test
    void kplAggregatesSurviveTheRoundTripThroughTheServer() {
        List<UserRecord> sent = new ArrayList<>();
        Aggregator aggregator = new Aggregator();
        for (int i = 0; i < 300; i++) {
            UserRecord r = new UserRecord("user-" + (i % 7), i % 5 == 0 ? "12345" : null,
                    ("payload-" + i).getBytes(StandardCharsets.UTF_8));
            sent.add(r);
            aggregator.add(r);
        }
        Aggregate aggregate = aggregator.drain();
        try (ManagedKinesisClient managed = KinesisClientFactory.create(KinesisConnectionConfig.parse(staticProps()))) {
            KinesisClient kinesis = managed.client();
            kinesis.createStream(r -> r.streamName("kpl").shardCount(1));
            kinesis.putRecord(r -> r.streamName("kpl").partitionKey(aggregate.partitionKey())
                    .explicitHashKey(aggregate.explicitHashKey()).data(SdkBytes.fromByteArray(aggregate.data())));
            String shardId = kinesis.listShards(r -> r.streamName("kpl")).shards().get(0).shardId();
            String iterator = kinesis.getShardIterator(r -> r.streamName("kpl").shardId(shardId)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            Record got = kinesis.getRecords(r -> r.shardIterator(iterator)).records().get(0);
            assertThat(KplAggregation.decode(got.data().asByteArray(), got.partitionKey(), null).records())
                    .containsExactlyElementsOf(sent);
        }
    }

    private static void restore(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }
}
