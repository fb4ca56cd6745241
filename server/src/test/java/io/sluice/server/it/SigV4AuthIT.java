package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.server.ServerConfig.AuthMode;
import io.sluice.server.testing.SluiceServerExtension;
import java.net.URI;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Mode sigv4 with the example auth config shipped in {@code config/server/auth.json}: the seed's IAM policy
 * (section 2.2) lets its user do exactly its five actions on the Test stream, nothing else. Every kind of SDK client
 * signs as the server verifies; resource policies apply to streams and consumers; paged and consumer requests are
 * authorized against what they really touch.
 */
class SigV4AuthIT {

    private static final Path AUTH_CONFIG = Path.of("..", "config", "server", "auth.json");
    private static final AwsBasicCredentials ADMIN = AwsBasicCredentials.create("AKIASLUICEADMIN00001", "change-me-admin-secret");
    private static final String SEED_USER = "arn:aws:iam::000000000000:user/seed-user";
    private static final String TEST = "arn:aws:kinesis:us-east-1:000000000000:stream/Test";

    private static SluiceServerExtension server;
    private static KinesisClient admin;
    private static KinesisClient seedUser;

    @BeforeAll
    static void start() {
        server = SluiceServerExtension.builder()
                .configure(config -> config.withAuth(AuthMode.SIGV4, AUTH_CONFIG)).start();
        admin = client("AKIASLUICEADMIN00001", "change-me-admin-secret");
        seedUser = client("AKIASLUICESEED000001", "change-me-seed-secret");
        admin.createStream(r -> r.streamName("Test").shardCount(1));
        admin.createStream(r -> r.streamName("Other").shardCount(1));
    }

    @AfterAll
    static void stop() {
        admin.close();
        seedUser.close();
        server.close();
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void everySdkClientKindSignsAsTheServerVerifies(KinesisClients kind) {
        String stream = kind.streamName("signed");
        try (KinesisClient kinesis = kind.create(server.server().endpoint(), ADMIN)) {
            kinesis.createStream(r -> r.streamName(stream).shardCount(1));
            kinesis.putRecord(r -> r.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("signed")));
            String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();

            assertThat(kinesis.getRecords(r -> r.shardIterator(iterator)).records())
                    .extracting(rec -> rec.data().asUtf8String()).containsExactly("signed");
        }
    }

    @Test
    void theSeedUserCanDoItsFiveActionsOnTheTestStream() {
        seedUser.describeStream(r -> r.streamName("Test"));
        seedUser.putRecord(r -> r.streamName("Test").partitionKey("123").data(SdkBytes.fromUtf8String("testdata")));
        seedUser.putRecords(r -> r.streamName("Test").records(PutRecordsRequestEntry.builder()
                .partitionKey("p").data(SdkBytes.fromUtf8String("x")).build()));
        String iterator = seedUser.getShardIterator(r -> r.streamName("Test").shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();

        assertThat(seedUser.getRecords(r -> r.shardIterator(iterator)).records())
                .extracting(rec -> rec.data().asUtf8String()).startsWith("testdata");
    }

    @Test
    void theSeedUserIsDeniedAnythingElse() {
        assertDenied(() -> seedUser.deleteStream(r -> r.streamName("Test")),
                "User: arn:aws:iam::000000000000:user/seed-user is not authorized to perform: kinesis:DeleteStream "
                        + "on resource: arn:aws:kinesis:us-east-1:000000000000:stream/Test because no identity-based "
                        + "policy allows the kinesis:DeleteStream action");
        assertDenied(() -> seedUser.putRecord(r -> r.streamName("Other").partitionKey("k").data(SdkBytes.fromUtf8String("x"))),
                "User: arn:aws:iam::000000000000:user/seed-user is not authorized to perform: kinesis:PutRecord "
                        + "on resource: arn:aws:kinesis:us-east-1:000000000000:stream/Other because no identity-based "
                        + "policy allows the kinesis:PutRecord action");
        assertDenied(() -> seedUser.listStreams(r -> { }),
                "User: arn:aws:iam::000000000000:user/seed-user is not authorized to perform: kinesis:ListStreams "
                        + "on resource: * because no identity-based policy allows the kinesis:ListStreams action");
    }

    @Test
    void aStreamResourcePolicyGrantsAndDeniesBeyondIdentityPolicies() {
        String other = "arn:aws:kinesis:us-east-1:000000000000:stream/Other";
        admin.putResourcePolicy(r -> r.resourceARN(other).policy("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Principal": {"AWS": "arn:aws:iam::000000000000:user/seed-user"},
                  "Action": "kinesis:DescribeStreamSummary", "Resource": "%s"}]}""".formatted(other)));

        assertThat(seedUser.describeStreamSummary(r -> r.streamName("Other")).streamDescriptionSummary().streamName())
                .isEqualTo("Other");
        assertThat(admin.getResourcePolicy(r -> r.resourceARN(other)).policy()).contains("DescribeStreamSummary");

        admin.deleteResourcePolicy(r -> r.resourceARN(other));
        assertThatThrownBy(() -> seedUser.describeStreamSummary(r -> r.streamName("Other")))
                .isInstanceOfSatisfying(KinesisException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
    }

    @Test
    void aPolicySluiceCannotEnforceIsRefused() {
        assertThatThrownBy(() -> admin.putResourcePolicy(r -> r.resourceARN("arn:aws:kinesis:us-east-1:000000000000:stream/Other")
                .policy("{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"*\", "
                        + "\"Resource\": \"*\", \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"true\"}}}]}")))
                .isInstanceOfSatisfying(KinesisException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgumentException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Invalid resource policy for "
                            + "arn:aws:kinesis:us-east-1:000000000000:stream/Other: The statement 1 has a Condition, "
                            + "which Sluice does not evaluate; remove it or express the rule with Action and Resource");
                });
    }

    @Test
    void aWrongSecretIsAnInvalidSignature() {
        try (KinesisClient forger = client("AKIASLUICESEED000001", "guessed-secret")) {
            assertThatThrownBy(() -> forger.describeStream(r -> r.streamName("Test")))
                    .isInstanceOfSatisfying(KinesisException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                    });
        }
    }

    @Test
    void anUnknownAccessKeyIsAnUnrecognizedClient() {
        try (KinesisClient stranger = client("AKIANOBODY0000000000", "whatever")) {
            assertThatThrownBy(() -> stranger.describeStream(r -> r.streamName("Test")))
                    .isInstanceOfSatisfying(KinesisException.class, e ->
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
        }
    }

    @Test
    void aPagedListShardsIsAuthorizedAgainstTheStreamItsTokenLists() {
        admin.createStream(r -> r.streamName("Paged").shardCount(2));
        String paged = "arn:aws:kinesis:us-east-1:000000000000:stream/Paged";
        admin.putResourcePolicy(r -> r.resourceARN(paged).policy(allow(SEED_USER, "kinesis:ListShards", paged)));

        ListShardsResponse first = seedUser.listShards(r -> r.streamName("Paged").maxResults(1));
        ListShardsResponse second = seedUser.listShards(r -> r.nextToken(first.nextToken()));

        assertThat(second.shards()).extracting(s -> s.shardId()).containsExactly("shardId-000000000001");
        admin.createStream(r -> r.streamName("Unlisted").shardCount(2));
        String otherToken = admin.listShards(r -> r.streamName("Unlisted").maxResults(1)).nextToken();
        assertDenied(() -> seedUser.listShards(r -> r.nextToken(otherToken)), "User: " + SEED_USER + " is not "
                + "authorized to perform: kinesis:ListShards on resource: arn:aws:kinesis:us-east-1:000000000000:stream/"
                + "Unlisted because no identity-based policy allows the kinesis:ListShards action");
        assertThatThrownBy(() -> seedUser.listShards(r -> r.nextToken("forged")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("Invalid NextToken: forged");
    }

    @Test
    void consumerActionsAreAuthorizedOnTheConsumersRealArnAndItsPolicy() {
        String consumer = admin.registerStreamConsumer(r -> r.streamARN(TEST).consumerName("policed"))
                .consumer().consumerARN();
        assertThat(consumer).matches(TEST + "/consumer/policed:\\d+");

        assertDenied(() -> seedUser.describeStreamConsumer(r -> r.streamARN(TEST).consumerName("policed")),
                "User: " + SEED_USER + " is not authorized to perform: kinesis:DescribeStreamConsumer on resource: "
                        + consumer + " because no identity-based policy allows the kinesis:DescribeStreamConsumer action");

        admin.putResourcePolicy(r -> r.resourceARN(consumer).policy(allow(SEED_USER, "kinesis:DescribeStreamConsumer", consumer)));

        assertThat(seedUser.describeStreamConsumer(r -> r.streamARN(TEST).consumerName("policed"))
                .consumerDescription().consumerARN()).isEqualTo(consumer);
        assertThat(seedUser.describeStreamConsumer(r -> r.consumerARN(consumer)).consumerDescription().consumerName())
                .isEqualTo("policed");
        assertDenied(() -> seedUser.deregisterStreamConsumer(r -> r.consumerARN(consumer)),
                "User: " + SEED_USER + " is not authorized to perform: kinesis:DeregisterStreamConsumer on resource: "
                        + consumer + " because no identity-based policy allows the kinesis:DeregisterStreamConsumer action");
        admin.deregisterStreamConsumer(r -> r.consumerARN(consumer));
    }

    @Test
    void aStreamPolicyDenyReachesItsConsumers() {
        admin.createStream(r -> r.streamName("Guarded").shardCount(1));
        String guarded = "arn:aws:kinesis:us-east-1:000000000000:stream/Guarded";
        String consumer = admin.registerStreamConsumer(r -> r.streamARN(guarded).consumerName("c")).consumer().consumerARN();
        admin.putResourcePolicy(r -> r.resourceARN(guarded).policy("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*",
                  "Action": "kinesis:DeregisterStreamConsumer", "Resource": "%s/consumer/*"}]}""".formatted(guarded)));

        assertDenied(() -> admin.deregisterStreamConsumer(r -> r.streamARN(guarded).consumerName("c")),
                "User: arn:aws:iam::000000000000:user/admin is not authorized to perform: "
                        + "kinesis:DeregisterStreamConsumer on resource: " + consumer + " with an explicit deny in a "
                        + "resource-based policy");
        assertThat(admin.describeStreamConsumer(r -> r.consumerARN(consumer)).consumerDescription().consumerName())
                .isEqualTo("c");
    }

    @Test
    void registerStreamConsumerIsAuthorizedOnTheStream() {
        admin.createStream(r -> r.streamName("Registry").shardCount(1));
        String registry = "arn:aws:kinesis:us-east-1:000000000000:stream/Registry";
        admin.putResourcePolicy(r -> r.resourceARN(registry).policy(allow(SEED_USER, "kinesis:RegisterStreamConsumer", registry)));

        assertThat(seedUser.registerStreamConsumer(r -> r.streamARN(registry).consumerName("mine")).consumer().consumerName())
                .isEqualTo("mine");
    }

    @Test
    void aConsumerRequestNamingNoConsumerIsAnInvalidArgument() {
        assertThatThrownBy(() -> admin.describeStreamConsumer(r -> { }))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Either ConsumerARN or both StreamARN and ConsumerName must be provided.");
        assertThatThrownBy(() -> seedUser.deregisterStreamConsumer(r -> r.consumerName("policed")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Either ConsumerARN or both StreamARN and ConsumerName must be provided.");
    }

    @Test
    void aPolicyWithAnElementSluiceDoesNotEnforceIsRefusedByName() {
        String other = "arn:aws:kinesis:us-east-1:000000000000:stream/Other";
        assertThatThrownBy(() -> admin.putResourcePolicy(r -> r.resourceARN(other).policy("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotPrincipal": {"AWS": "%s"},
                  "Action": "kinesis:*", "Resource": "%s"}]}""".formatted(SEED_USER, other))))
                .isInstanceOfSatisfying(KinesisException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgumentException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Invalid resource policy for " + other
                            + ": The statement 1 has a NotPrincipal, which Sluice does not evaluate; name the principals "
                            + "it applies to with Principal");
                });
    }

    private static String allow(String principal, String action, String resource) {
        return """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "%s"},
                  "Action": "%s", "Resource": "%s"}]}""".formatted(principal, action, resource);
    }

    private static void assertDenied(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(KinesisException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    private static KinesisClient client(String key, String secret) {
        URI endpoint = server.server().endpoint();
        return KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .build();
    }
}
