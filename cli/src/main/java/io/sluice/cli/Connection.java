package io.sluice.cli;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * Where and as whom the commands call Kinesis: {@code --endpoint-url} (or the SDK's {@code AWS_ENDPOINT_URL}),
 * {@code --region}, {@code --profile}, else the AWS SDK's usual chains. With an endpoint and no region configured,
 * {@code us-east-1}: a local endpoint needs one to sign with, and any will do. Also turns the SDK's failures into the
 * one-line errors and exit codes of {@link ExitCodes}.
 */
final class Connection {

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "the Kinesis endpoint, e.g. http://127.0.0.1:4567 (default: AWS's, or AWS_ENDPOINT_URL)")
    URI endpoint;

    @Option(names = "--region", paramLabel = "REGION", description = "the region (default: the AWS chain; us-east-1 with --endpoint-url)")
    String region;

    @Option(names = "--profile", paramLabel = "NAME", description = "a profile of ~/.aws/credentials and ~/.aws/config")
    String profile;

    KinesisClient client() {
        KinesisClientBuilder builder = KinesisClient.builder().httpClientBuilder(Apache5HttpClient.builder());
        Optional.ofNullable(endpoint).ifPresent(builder::endpointOverride);
        builder.region(region != null ? Region.of(region) : configuredRegion().orElse(Region.US_EAST_1));
        builder.credentialsProvider(profile != null ? ProfileCredentialsProvider.create(profile)
                : DefaultCredentialsProvider.builder().build());
        return builder.build();
    }

    /** The region of the AWS chain, if any is configured; none is fine with an endpoint of one's own. */
    private Optional<Region> configuredRegion() {
        try {
            return Optional.of(DefaultAwsRegionProviderChain.builder().profileName(profile).build().getRegion());
        } catch (SdkClientException none) {
            if (endpoint == null) {
                throw new CliException(ExitCodes.NO_CREDENTIALS, "no AWS region configured: pass --region, or set "
                        + "AWS_REGION or a profile's region");
            }
            return Optional.empty();
        }
    }

    /** The one-line error a failed call becomes, naming the stream a missing-resource error is about. */
    CliException failure(RuntimeException e, String stream) {
        if (e instanceof CliException cli) {
            return cli;
        }
        if (e instanceof ResourceNotFoundException && stream != null) {
            return new CliException(ExitCodes.NO_SUCH_STREAM, "stream '" + stream + "' does not exist at "
                    + describeEndpoint());
        }
        if (e instanceof AwsServiceException service) {
            return new CliException(ExitCodes.SERVICE_ERROR, service.awsErrorDetails().errorCode() + ": "
                    + service.awsErrorDetails().errorMessage());
        }
        if (e instanceof SdkClientException client) {
            Throwable cause = rootCause(client);
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                String why = String.valueOf(cause.getMessage()); // e.g. "Connect to http://... failed: Connection refused"
                return new CliException(ExitCodes.UNREACHABLE, "cannot reach " + describeEndpoint() + " ("
                        + why.substring(why.lastIndexOf("failed: ") < 0 ? 0 : why.lastIndexOf("failed: ") + 8) + ")");
            }
            String message = String.valueOf(client.getMessage());
            if (message.contains("credentials")) {
                return new CliException(ExitCodes.NO_CREDENTIALS, "no AWS credentials found: set AWS_ACCESS_KEY_ID and "
                        + "AWS_SECRET_ACCESS_KEY, or pass --profile (any pair works with Sluice's default --auth open)");
            }
            return new CliException(ExitCodes.UNREACHABLE, "calling " + describeEndpoint() + " failed: " + message);
        }
        throw e;
    }

    private String describeEndpoint() {
        return endpoint != null ? endpoint.toString() : "the AWS endpoint of " + (region != null ? region : "your region");
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
