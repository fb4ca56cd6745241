package io.sluice.connect.common.client;

import io.sluice.connect.common.config.KinesisConnection;
import io.sluice.connect.common.config.KinesisConnection.StaticKeys;
import io.sluice.connect.common.config.KinesisConnectionConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * The last step of both connectors' {@code validate()}: whether Kinesis answers with the configured endpoint and
 * credentials — DescribeStreamSummary of each named stream, or ListStreams when the streams are not known yet
 * (a pattern or a template) — with a short timeout and no retries, so the REST call answers quickly. Each error
 * goes on the key to fix: the stream key (missing stream), the credentials (rejected: {@code aws.access.key.id}
 * for static keys, else {@code aws.credentials.provider}), or the endpoint ({@code kinesis.base.url}, or
 * {@code kinesis.region} without one) when it does not answer or answers with another error. Stateless and
 * thread-safe.
 */
public final class Reachability {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> AUTH_ERRORS = Set.of("UnrecognizedClientException", "InvalidSignatureException",
            "IncompleteSignatureException", "MissingAuthenticationTokenException", "AccessDeniedException",
            "ExpiredTokenException");

    private Reachability() {
    }

    /**
     * Probes {@code connection} and adds what it finds to {@code config}.
     *
     * @param streams the streams to describe; empty to call ListStreams instead
     * @param streamKey the key that names the streams
     * @param missingStreamFix what to do about a missing stream, ending the error on {@code streamKey}; empty when a
     *        missing stream is no error (the connector creates it)
     */
    public static void check(KinesisConnection connection, List<String> streams, String streamKey,
            Optional<String> missingStreamFix, Config config) {
        KinesisConnection quick = new KinesisConnection(connection.region(), connection.endpointOverride(),
                connection.credentials(), connection.cborEnabled(),
                connection.apiCallTimeout().compareTo(TIMEOUT) < 0 ? connection.apiCallTimeout() : TIMEOUT, 0);
        String endpoint = connection.endpointOverride().map(Object::toString)
                .orElse("the AWS endpoint of region " + connection.region().id());
        String call = "ListStreams";
        try (ManagedKinesisClient client = KinesisClientFactory.create(quick)) {
            KinesisClient kinesis = client.client();
            if (streams.isEmpty()) {
                kinesis.listStreams(r -> r.limit(1));
            }
            for (String stream : streams) {
                call = "DescribeStreamSummary of stream '" + stream + "'";
                try {
                    kinesis.describeStreamSummary(r -> r.streamName(stream));
                } catch (ResourceNotFoundException e) {
                    missingStreamFix.ifPresent(fix -> add(config, streamKey, "Stream '" + stream
                            + "' does not exist at " + endpoint + ": create it, or " + fix));
                }
            }
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            String key = !AUTH_ERRORS.contains(code) ? endpointKey(connection)
                    : connection.credentials() instanceof StaticKeys ? KinesisConnectionConfig.ACCESS_KEY_ID_CONFIG
                    : KinesisConnectionConfig.CREDENTIALS_PROVIDER_CONFIG;
            add(config, key, "Kinesis at " + endpoint + " rejected the connector's " + call + ": " + code + ": "
                    + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage()));
        } catch (SdkException e) {
            add(config, endpointKey(connection), "Cannot reach Kinesis at " + endpoint + ": "
                    + Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()) + "; check "
                    + endpointKey(connection) + " and that the server is running");
        }
    }

    private static String endpointKey(KinesisConnection connection) {
        return connection.endpointOverride().isPresent() ? KinesisConnectionConfig.BASE_URL_CONFIG
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
