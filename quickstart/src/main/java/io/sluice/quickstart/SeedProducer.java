package io.sluice.quickstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.datafaker.Faker;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;

/**
 * The seed's Python producer, in Java: creates the stream with one shard when it is missing, then puts one JSON
 * record per person ({@code name, age, gender, score, job, i}) with PutRecord and the partition key
 * {@code partitionkey}, as {@code producer.py} does.
 */
final class SeedProducer {

    static final String PARTITION_KEY = "partitionkey";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int[] SCORES = {40, 45, 50, 55, 60, 65};

    private final KinesisClient kinesis;
    private final Faker faker;
    private final Random random;

    SeedProducer(KinesisClient kinesis, long seed) {
        this.kinesis = kinesis;
        this.random = new Random(seed);
        this.faker = new Faker(random);
    }

    /** Puts {@code count} people into {@code stream} and returns them in the order they were put. */
    List<ObjectNode> produce(String stream, int count, Progress progress) throws InterruptedException {
        Streams.createIfMissing(kinesis, stream, 1);
        List<ObjectNode> people = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ObjectNode person = person(i);
            PutRecordResponse put = kinesis.putRecord(r -> r.streamName(stream).partitionKey(PARTITION_KEY)
                    .data(SdkBytes.fromUtf8String(person.toString())));
            progress.detail(String.format("%2d %s -> %s %s", i, person, put.shardId(), put.sequenceNumber()));
            people.add(person);
        }
        return people;
    }

    private ObjectNode person(int i) {
        ObjectNode person = JSON.createObjectNode();
        person.put("name", faker.name().fullName());
        person.put("age", 10 + random.nextInt(11));
        person.put("gender", random.nextBoolean() ? "M" : "F");
        person.put("score", SCORES[random.nextInt(SCORES.length)]);
        person.put("job", faker.job().title());
        person.put("i", i);
        return person;
    }
}
