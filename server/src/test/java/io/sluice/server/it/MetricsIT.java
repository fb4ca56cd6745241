package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.testing.TestClock;
import io.sluice.server.testing.SluiceServerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;

/**
 * The admin listener ({@code --admin-port 0}) scraped after known traffic, on a server with Kinesis's limits on and a
 * clock that stands still (so the throttles fall exactly where the test puts them): per shard the records and bytes
 * in and out, the throttled writes and reads, iterator age, subscriptions; per action the requests by status and
 * their latency histogram; the data directory's bytes and free space; health; and what the listener refuses.
 */
class MetricsIT {

    private static final TestClock CLOCK = TestClock.stoppedAt(System.currentTimeMillis());
    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"([^\"]*)\"");
    private static final String SHARD_0 = "shardId-000000000000";
    private static final String SHARD_1 = "shardId-000000000001";
    private static SluiceServerExtension server;
    private static URI admin;
    private static KinesisClient kinesis;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = SluiceServerExtension.builder()
                .configure(config -> config.withAdmin("127.0.0.1", 0)).clock(CLOCK).start();
        admin = server.server().adminEndpoint().orElseThrow();
        kinesis = KinesisClients.SYNC_JSON.createWithoutRetries(server.server().endpoint());
    }

    @AfterAll
    static void stop() {
        kinesis.close();
        server.close();
    }

    @Test
    void countsWhatTheShardsAndActionsDid() throws Exception {
        kinesis.createStream(b -> b.streamName("m").shardCount(2));
        kinesis.waiter().waitUntilStreamExists(b -> b.streamName("m"));
        long shard0Bytes = 0;
        for (int i = 0; i < 4; i++) { // hash key 0: shard 0; data of 10 bytes + key of 1
            kinesis.putRecord(b -> b.streamName("m").partitionKey("k").explicitHashKey("0")
                    .data(SdkBytes.fromUtf8String("0123456789")));
            shard0Bytes += 11;
        }
        for (int i = 0; i < 3; i++) { // the top of the hash key range: shard 1
            kinesis.putRecord(b -> b.streamName("m").partitionKey("kk").explicitHashKey("340282366920938463463374607431768211455")
                    .data(SdkBytes.fromUtf8String("abc")));
        }
        kinesis.putRecord(b -> b.streamName("m").partitionKey("big").explicitHashKey("0")
                .data(SdkBytes.fromByteArray(new byte[1000 * 1024])));
        shard0Bytes += 1000 * 1024 + 3;
        assertThatThrownBy(() -> kinesis.putRecord(b -> b.streamName("m").partitionKey("big").explicitHashKey("0")
                .data(SdkBytes.fromByteArray(new byte[100 * 1024])))).as("1 MiB/s of writes spent: the clock stands still")
                .isInstanceOf(ProvisionedThroughputExceededException.class);
        String iterator = kinesis.getShardIterator(b -> b.streamName("m").shardId(SHARD_0)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        var first = kinesis.getRecords(b -> b.shardIterator(iterator));
        assertThat(first.records()).hasSize(5);
        for (int i = 0; i < 9; i++) { // calls 2..10 of the burst GetRecords admits, each empty
            kinesis.getRecords(b -> b.shardIterator(first.nextShardIterator()));
        }
        assertThatThrownBy(() -> kinesis.getRecords(b -> b.shardIterator(first.nextShardIterator())))
                .as("the 11th call: the burst is spent and the clock stands still")
                .isInstanceOf(ProvisionedThroughputExceededException.class);
        assertThatThrownBy(() -> kinesis.describeStreamSummary(b -> b.streamName("missing")))
                .isInstanceOf(ResourceNotFoundException.class);

        Map<String, Double> metrics = scrape();

        assertThat(metrics).containsEntry(shard("sluice_stream_incoming_records_total", SHARD_0), 5.0)
                .containsEntry(shard("sluice_stream_incoming_records_total", SHARD_1), 3.0)
                .containsEntry(shard("sluice_stream_incoming_bytes_total", SHARD_0), (double) shard0Bytes)
                .containsEntry(shard("sluice_stream_incoming_bytes_total", SHARD_1), 15.0)
                .containsEntry(shard("sluice_stream_write_throttled_records_total", SHARD_0), 1.0)
                .containsEntry(shard("sluice_stream_write_throttled_records_total", SHARD_1), 0.0)
                .containsEntry(shard("sluice_stream_getrecords_records_total", SHARD_0), 5.0)
                .containsEntry(shard("sluice_stream_getrecords_bytes_total", SHARD_0), (double) shard0Bytes)
                .containsEntry(shard("sluice_stream_read_throttled_calls_total", SHARD_0), 1.0)
                .containsEntry(shard("sluice_shard_iterator_age_milliseconds", SHARD_0), 0.0)
                .containsEntry(shard("sluice_shard_open", SHARD_0), 1.0)
                .containsEntry(shard("sluice_shard_out_of_service", SHARD_0), 0.0)
                .containsEntry("sluice_stream_consumers{stream=m}", 0.0)
                .containsEntry("sluice_requests_total{action=PutRecord,status=200}", 8.0)
                .containsEntry("sluice_requests_total{action=PutRecord,status=400}", 1.0)
                .containsEntry("sluice_requests_total{action=GetRecords,status=200}", 10.0)
                .containsEntry("sluice_requests_total{action=GetRecords,status=400}", 1.0)
                .containsEntry("sluice_requests_total{action=DescribeStreamSummary,status=400}", 1.0)
                .containsEntry("sluice_request_duration_seconds_count{action=PutRecord}", 9.0);
        if (SluiceServerExtension.ON_KAFKA) {
            assertThat(metrics).as("Kafka keeps the records").doesNotContainKey(shard("sluice_shard_log_bytes", SHARD_0));
            assertThat(metrics.get("sluice_data_directory_bytes")).isZero();
        } else {
            assertThat(metrics.get(shard("sluice_shard_log_bytes", SHARD_0))).isGreaterThan((double) shard0Bytes);
            assertThat(metrics.get("sluice_data_directory_bytes")).isEqualTo(metrics.get(shard("sluice_shard_log_bytes",
                    SHARD_0)) + metrics.get(shard("sluice_shard_log_bytes", SHARD_1)));
        }
        assertThat(metrics.get("sluice_data_directory_free_bytes")).isPositive();
        assertThat(metrics).containsKey("sluice_inflight_bytes");
    }

    @Test
    void countsConsumersSubscriptionsAndPushedRecords() throws Exception {
        kinesis.createStream(b -> b.streamName("pushed").shardCount(1));
        kinesis.waiter().waitUntilStreamExists(b -> b.streamName("pushed"));
        String streamArn = kinesis.describeStreamSummary(b -> b.streamName("pushed")).streamDescriptionSummary().streamARN();
        String consumer = kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("c")).consumer().consumerARN();
        kinesis.putRecord(b -> b.streamName("pushed").partitionKey("p").data(SdkBytes.fromUtf8String("xy")));
        try (KinesisAsyncClient async = KinesisClients.ASYNC_H2_JSON.createAsync(server.server().endpoint())) {
            Subscription subscription = Subscription.start(async, consumer, SHARD_0,
                    StartingPosition.builder().type(ShardIteratorType.TRIM_HORIZON).build());
            assertThat(subscription.records(1)).hasSize(1);

            Map<String, Double> open = scrape();
            assertThat(open).containsEntry("sluice_stream_consumers{stream=pushed}", 1.0)
                    .containsEntry("sluice_shard_subscriptions{shard=" + SHARD_0 + ",stream=pushed}", 1.0)
                    .containsEntry("sluice_stream_pushed_records_total{shard=" + SHARD_0 + ",stream=pushed}", 1.0)
                    .containsEntry("sluice_stream_pushed_bytes_total{shard=" + SHARD_0 + ",stream=pushed}", 3.0);

            subscription.cancel();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (scrape().get("sluice_shard_subscriptions{shard=" + SHARD_0 + ",stream=pushed}") != 0.0) {
                assertThat(System.nanoTime()).as("the closed subscription is counted out").isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    @Test
    void answersHealthAndRefusesWhatItDoesNotServe() throws Exception {
        assertThat(get("/health/live")).extracting(HttpResponse::statusCode, HttpResponse::body).containsExactly(200, "live\n");
        assertThat(get("/health/ready")).extracting(HttpResponse::statusCode, HttpResponse::body).containsExactly(200, "ready\n");
        HttpResponse<String> missing = get("/nothing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("Not found. This admin listener serves /metrics, /health/live, /health/ready\n");
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(admin.resolve("/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).contains("GET, HEAD");
        assertThat(get("/metrics").headers().firstValue("content-type")).contains("text/plain; version=0.0.4; charset=utf-8");
    }

    @Test
    void hasNoAdminListenerUnlessAsked() {
        try (SluiceServerExtension plain = SluiceServerExtension.builder().start()) {
            assertThat(plain.server().adminEndpoint()).isEmpty();
        }
    }

    private static String shard(String name, String shardId) {
        return name + "{shard=" + shardId + ",stream=m}";
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(admin.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The samples of /metrics as "name{label=value,...}" (labels sorted) → value. */
    private static Map<String, Double> scrape() throws Exception {
        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        for (String line : response.body().lines().toList()) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            String key = labels.isEmpty() ? sample.group(1) : sample.group(1) + labels.toString().replace(", ", ",");
            samples.put(key, Double.parseDouble(sample.group(3)));
        }
        return samples;
    }
}
