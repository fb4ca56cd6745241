package io.sluice.compat.kpl;

import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.kinesis.producer.KinesisProducerConfiguration;

/**
 * The Kinesis Producer Library's settings for a Sluice server on loopback: everything a user changes to move a
 * KPL application from Amazon Kinesis to Sluice, and nothing more, plus what keeps every call on this machine.
 */
final class KplSettings {

    static final AwsBasicCredentials CREDENTIALS = AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "kpl-secret");

    /** Where the KPL unpacks its native daemon: named by its hash, so later runs reuse it; cleaned with the build. */
    private static final Path NATIVE_DIR = Path.of("target", "kpl-native").toAbsolutePath();

    private KplSettings() {
    }

    /**
     * The KPL writing to {@code endpoint} (an {@code https://127.0.0.1:port} Sluice server with a self-signed
     * certificate), otherwise with its defaults but a short buffering time, so the tests run quickly.
     */
    static KinesisProducerConfiguration forSluice(URI endpoint, boolean aggregation) {
        String host = endpoint.getHost();
        int port = endpoint.getPort();
        return new KinesisProducerConfiguration()
                .setKinesisEndpoint(host)
                .setKinesisPort(port)
                // The test's certificate is self-signed; the daemon cannot be given a trust store of our own.
                .setVerifyCertificate(false)
                .setRegion("us-east-1")
                .setCredentialsProvider(StaticCredentialsProvider.create(CREDENTIALS))
                .setMetricsLevel("none")
                // Never called with metrics off and static credentials; pointed at loopback so that nothing,
                // should that change, leaves this machine.
                .setCloudwatchEndpoint(host)
                .setCloudwatchPort(port)
                .setStsEndpoint(host)
                .setStsPort(port)
                .setAggregationEnabled(aggregation)
                .setRecordMaxBufferedTime(50)
                .setRequestTimeout(10_000)
                .setTempDirectory(NATIVE_DIR.toString())
                .setLogLevel("warning");
    }
}
