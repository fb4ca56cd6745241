package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.server.testing.SluiceServerExtension;
import io.sluice.server.wire.BodyCodec;
import io.sluice.server.wire.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Throws thousands of random and mutated requests (JSON and CBOR, valid targets, bit flips, truncations, wrong
 * types, absurd lengths) at a real server: every one is answered within its timeout with a 2xx or a 4xx carrying
 * an AWS error type — never a 500, never a hang — and afterwards the server still serves a normal round trip.
 */
class FuzzIT {

    private static final List<String> TARGETS = List.of("CreateStream", "DeleteStream", "DescribeStream",
            "DescribeStreamSummary", "ListStreams", "ListShards", "PutRecord", "PutRecords", "GetShardIterator",
            "GetRecords", "SplitShard", "MergeShards", "UpdateShardCount", "AddTagsToStream", "ListTagsForStream",
            "IncreaseStreamRetentionPeriod", "RegisterStreamConsumer", "DescribeLimits");
    private static final String SIGNED = "AWS4-HMAC-SHA256 Credential=AKIDFUZZ/20261125/us-east-1/kinesis/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=00";
    private static final int REQUESTS = 3000;

    @Test
    void randomAndMutatedRequestsNeverCrashOrHangTheServer() throws Exception {
        try (SluiceServerExtension server = SluiceServerExtension.builder()
                .configure(config -> config.withLimits(false).withMaxRequestBytes(256 * 1024)).start()) {
            URI endpoint = server.server().endpoint();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            Random random = new Random(20261125L);
            List<String> failures = new ArrayList<>();
            int[] statuses = new int[600];

            for (int i = 0; i < REQUESTS && failures.size() < 5; i++) {
                ContentType format = random.nextBoolean() ? ContentType.JSON : ContentType.CBOR;
                String target = "Kinesis_20131202." + TARGETS.get(random.nextInt(TARGETS.size()));
                byte[] body = mutate(BodyCodec.write(format, randomBody(random)).toByteArray(), random);
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(endpoint)
                                .timeout(Duration.ofSeconds(10))
                                .header("Content-Type", format.mediaType())
                                .header("X-Amz-Target", target)
                                .header("X-Amz-Date", "20261125T000000Z")
                                .header("Authorization", SIGNED)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                statuses[response.statusCode()]++;
                boolean ok = response.statusCode() == 200
                        || (response.statusCode() >= 400 && response.statusCode() < 500 && hasErrorType(format, response.body()));
                if (!ok) {
                    failures.add(target + " " + response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
                }
            }

            assertThat(failures).as("requests answered with a 5xx or without an error type").isEmpty();
            assertThat(statuses[400]).as("most mutated requests are client errors").isGreaterThan(REQUESTS / 2);
            try (KinesisClient kinesis = KinesisClients.SYNC_CBOR.create(endpoint)) {
                kinesis.createStream(r -> r.streamName("after-fuzz").shardCount(1));
                kinesis.putRecord(r -> r.streamName("after-fuzz").partitionKey("k").data(SdkBytes.fromUtf8String("still here")));
                String iterator = kinesis.getShardIterator(r -> r.streamName("after-fuzz").shardId("shardId-000000000000")
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                assertThat(kinesis.getRecords(r -> r.shardIterator(iterator)).records())
                        .extracting(r -> r.data().asUtf8String()).containsExactly("still here");
            }
        }
    }

    private static boolean hasErrorType(ContentType format, byte[] body) {
        try {
            return BodyCodec.read(format, body).hasNonNull("__type");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A plausible request: known member names with values of random kinds and sizes. */
    private static Map<String, Object> randomBody(Random random) {
        String[] members = {"StreamName", "ShardCount", "Limit", "ShardId", "ShardIteratorType", "ShardIterator",
                "PartitionKey", "Data", "Records", "Tags", "ExplicitHashKey", "NewStartingHashKey", "ShardToSplit",
                "TargetShardCount", "ScalingType", "RetentionPeriodHours", "StreamARN", "ConsumerName", "Timestamp"};
        Map<String, Object> body = new TreeMap<>();
        int count = random.nextInt(6);
        for (int i = 0; i < count; i++) {
            body.put(members[random.nextInt(members.length)], randomValue(random, 0));
        }
        return body;
    }

    private static Object randomValue(Random random, int depth) {
        switch (random.nextInt(depth > 1 ? 5 : 7)) {
            case 0:
                return "fuzz-" + random.nextInt(3);
            case 1:
                return random.nextInt(4) == 0 ? "x".repeat(random.nextInt(2000)) : Integer.toString(random.nextInt());
            case 2:
                return (long) random.nextInt(20) - 5;
            case 3:
                return random.nextBoolean();
            case 4:
                byte[] bytes = new byte[random.nextInt(64)];
                random.nextBytes(bytes);
                return bytes;
            case 5:
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(randomValue(random, depth + 1));
                }
                return list;
            default:
                Map<String, Object> map = new TreeMap<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    map.put(random.nextBoolean() ? "PartitionKey" : "Data", randomValue(random, depth + 1));
                }
                return map;
        }
    }

    /** Leaves a third of bodies intact; flips bytes in, truncates or extends the rest. */
    private static byte[] mutate(byte[] body, Random random) {
        int kind = random.nextInt(6);
        if (kind < 2 || body.length == 0) {
            return body;
        }
        byte[] copy = body.clone();
        if (kind == 2) {
            for (int i = 0; i < 1 + random.nextInt(4); i++) {
                copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
            }
            return copy;
        }
        if (kind == 3) {
            return java.util.Arrays.copyOf(copy, random.nextInt(copy.length));
        }
        if (kind == 4) {
            byte[] garbage = new byte[random.nextInt(32)];
            random.nextBytes(garbage);
            byte[] longer = java.util.Arrays.copyOf(copy, copy.length + garbage.length);
            System.arraycopy(garbage, 0, longer, copy.length, garbage.length);
            return longer;
        }
        copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        return copy;
    }
}
