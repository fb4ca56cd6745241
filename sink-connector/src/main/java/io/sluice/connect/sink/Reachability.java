package io.sluice.connect.sink;

import io.sluice.connect.common.client.KinesisClientFactory;
import io.sluice.connect.common.client.ManagedKinesisClient;
import io.sluice.connect.common.config.KinesisConnection;
import io.sluice.connect.common.config.KinesisConnectionConfig;
import io.sluice.connect.common.config.KinesisConnection.StaticKeys;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * The reachability part of {@code validate()}: one call with the configured endpoint and credentials —
 * DescribeStreamSummary of a fixed stream, else ListStreams — with a short timeout and no retries. The error goes on
 * the key to fix: the stream (missing, without auto-create), the credentials (rejected), or the endpoint
 * (unreachable). Stateless and thread-safe.
 */
final class Reachability {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> AUTH_ERRORS = Set.of("UnrecognizedClientException", "InvalidSignatureException",
            "IncompleteSignatureException", "MissingAuthenticationTokenException", "AccessDeniedException",
            "ExpiredTokenException");

    private Reachability() {
    }

    static void check(KinesisSinkConnectorConfig sink, Config config) {
        KinesisConnection c = sink.connection();
        KinesisConnection quick = new KinesisConnection(c.region(), c.endpointOverride(), c.credentials(),
                c.cborEnabled(), c.apiCallTimeout().compareTo(TIMEOUT) < 0 ? c.apiCallTimeout() : TIMEOUT, 0);
        String endpoint = c.endpointOverride().map(Object::toString)
                .orElse("the AWS endpoint of region " + c.region().id());
        boolean fixed = !sink.stream().isTemplate();
        String stream = sink.stream().toString();
        try (ManagedKinesisClient client = KinesisClientFactory.create(quick)) {
            if (fixed) {
                client.client().describeStreamSummary(r -> r.streamName(stream));
            } else {
                client.client().listStreams(r -> r.limit(1));
            }
        } catch (ResourceNotFoundException e) {
            if (!sink.autoCreate()) {
                add(config, KinesisSinkConnectorConfig.STREAM_CONFIG, "Stream '" + stream + "' does not exist at "
                        + endpoint + ": create it, or set " + KinesisSinkConnectorConfig.AUTO_CREATE_CONFIG
                        + "=true to have the connector create it");
            }
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            String key = !AUTH_ERRORS.contains(code) ? endpointKey(c)
                    : c.credentials() instanceof StaticKeys ? KinesisConnectionConfig.ACCESS_KEY_ID_CONFIG
                    : KinesisConnectionConfig.CREDENTIALS_PROVIDER_CONFIG;
            add(config, key, "Kinesis at " + endpoint + " rejected the connector's " + (fixed
                    ? "DescribeStreamSummary of stream '" + stream + "'" : "ListStreams") + ": " + code + ": "
                    + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage()));
        } catch (SdkException e) {
            add(config, endpointKey(c), "Cannot reach Kinesis at " + endpoint + ": " + e.getMessage());
        }
    }

    private static String endpointKey(KinesisConnection c) {
        return c.endpointOverride().isPresent() ? KinesisConnectionConfig.BASE_URL_CONFIG
                : KinesisConnectionConfig.REGION_CONFIG;
    }

    private static void add(Config config, String key, String message) {
        for (ConfigValue value : config.configValues()) {
            if (value.name().equals(key)) {
                value.addErrorMessage(message);
            }
        }
    }
}
