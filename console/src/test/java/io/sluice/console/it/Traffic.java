package io.sluice.console.it;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * Live traffic for the console to show: the seed's people (JSON, men and women) put into a stream with the real AWS
 * SDK, ten records every 100 ms, until closed.
 */
final class Traffic implements AutoCloseable {

    private static final String[] NAMES = {"Anderson", "Bella", "Chris", "Dana", "Evan", "Fiona"};

    private final KinesisClient kinesis;
    private final String stream;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong put = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private volatile RuntimeException lastFailure;
    private final Thread thread;

    Traffic(KinesisClient kinesis, String stream) {
        this.kinesis = kinesis;
        this.stream = stream;
        this.thread = new Thread(this::run, "console-it-traffic");
        thread.setDaemon(true);
        thread.start();
    }

    static KinesisClient client(URI endpoint, String accessKeyId, String secretAccessKey) {
        return KinesisClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .httpClient(Apache5HttpClient.create()).build();
    }

    /** One of the seed's people as JSON; {@code i} decides who. */
    static String person(long i) {
        return "{\"name\": \"" + NAMES[(int) (i % NAMES.length)] + "\", \"age\": " + (20 + i % 40) + ", \"gender\": \""
                + (i % 2 == 0 ? "M" : "F") + "\", \"score\": " + (i * 7 % 100) + ", \"job\": \"Engineer\"}";
    }

    /** Returns once records flow; fails with the SDK's error when they do not within 20 s. */
    void awaitFlowing() throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (acknowledged.get() < 10) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("No traffic reaches " + stream, lastFailure);
            }
            Thread.sleep(50);
        }
    }

    private void run() {
        while (running.get()) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                long n = put.getAndIncrement();
                entries.add(PutRecordsRequestEntry.builder().partitionKey("key-" + n)
                        .data(SdkBytes.fromString(person(n), StandardCharsets.UTF_8)).build());
            }
            try {
                kinesis.putRecords(r -> r.streamName(stream).records(entries));
                acknowledged.addAndGet(entries.size());
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                lastFailure = e;
                if (!running.get()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running.set(false);
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
