package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.server.ServerConfig.AuthMode;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Mode sigv4 with the example auth config shipped in {@code config/server/auth.json}: the seed's IAM policy
 * (section 2.2) lets its user do exactly its five actions on the Test stream, nothing else.
 */
class SigV4AuthIT {

    private static final Path AUTH_CONFIG = Path.of("..", "config", "server", "auth.json");

    private static ServerRule server;
    private static KinesisClient admin;
    private static KinesisClient seedUser;

    @BeforeAll
    static void start() {
        server = new ServerRule(config -> config.withAuth(AuthMode.SIGV4, AUTH_CONFIG));
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
                        assertThat(e.statusCode()).isEqualTo(403);
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

    private static void assertDenied(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
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
