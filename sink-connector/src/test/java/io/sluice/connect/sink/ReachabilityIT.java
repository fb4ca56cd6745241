package io.sluice.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connect.common.client.KinesisClientFactory;
import io.sluice.connect.common.client.ManagedKinesisClient;
import io.sluice.connect.common.config.KinesisConnectionConfig;
import io.sluice.server.ServerConfig.AuthMode;
import io.sluice.server.testing.SluiceServerExtension;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code validate()}'s call to Kinesis against a Sluice server that checks SigV4 signatures and IAM-style policies
 * (the example users of {@code config/server/auth.json}): rejected credentials land on the key id.
 */
class ReachabilityIT {

    @RegisterExtension
    static final SluiceServerExtension SLUICE = SluiceServerExtension.builder()
            .configure(c -> c.withAuth(AuthMode.SIGV4, Path.of("..", "config", "server", "auth.json"))).build();

    private static final String ADMIN_KEY = "AKIASLUICEADMIN00001";
    private static final String ADMIN_SECRET = "change-me-admin-secret";

    private static Map<String, String> props(String keyId, String secret) {
        Map<String, String> props = new HashMap<>();
        props.put(KinesisConnectionConfig.BASE_URL_CONFIG, SLUICE.endpoint().toString());
        props.put(KinesisConnectionConfig.ACCESS_KEY_ID_CONFIG, keyId);
        props.put(KinesisConnectionConfig.SECRET_KEY_CONFIG, secret);
        props.put(KinesisSinkConnectorConfig.STREAM_CONFIG, "guarded");
        return props;
    }

    private static Map<String, List<String>> errors(Map<String, String> props) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (ConfigValue value : new KinesisSinkConnector().validate(props).configValues()) {
            if (!value.errorMessages().isEmpty()) {
                errors.put(value.name(), value.errorMessages());
            }
        }
        return errors;
    }

    @BeforeAll
    static void createStream() {
        try (ManagedKinesisClient admin = KinesisClientFactory.create(KinesisConnectionConfig.parse(
                props(ADMIN_KEY, ADMIN_SECRET)))) {
            admin.client().createStream(r -> r.streamName("guarded").shardCount(1));
            admin.client().waiter().waitUntilStreamExists(r -> r.streamName("guarded"));
        }
    }

    @Test
    void acceptsCredentialsTheServerAccepts() {
        assertThat(errors(props(ADMIN_KEY, ADMIN_SECRET))).isEmpty();
    }

    @Test
    void putsAWrongSecretOnTheAccessKeyId() {
        assertThat(errors(props(ADMIN_KEY, "not-the-secret"))).isEqualTo(Map.of("aws.access.key.id", List.of(
                "Kinesis at " + SLUICE.endpoint() + " rejected the connector's DescribeStreamSummary of stream "
                        + "'guarded': InvalidSignatureException: The request signature we calculated does not match the "
                        + "signature you provided. Check your AWS Secret Access Key and signing method. Consult the "
                        + "service documentation for details.")));
    }

    @Test
    void putsMissingPermissionsOnTheAccessKeyId() {
        assertThat(errors(props("AKIASLUICESEED000001", "change-me-seed-secret"))).isEqualTo(Map.of(
                "aws.access.key.id", List.of("Kinesis at " + SLUICE.endpoint() + " rejected the connector's "
                        + "DescribeStreamSummary of stream 'guarded': AccessDeniedException: User: "
                        + "arn:aws:iam::000000000000:user/seed-user is not authorized to perform: "
                        + "kinesis:DescribeStreamSummary on resource: "
                        + "arn:aws:kinesis:us-east-1:000000000000:stream/guarded because no identity-based policy "
                        + "allows the kinesis:DescribeStreamSummary action")));
    }
}
