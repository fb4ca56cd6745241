package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.testing.TestCertificate;
import io.sluice.server.testing.SluiceServerExtension;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;

/** With a certificate and key the same port speaks TLS: HTTP/1.1 to the sync client, h2 to the async one
 * whether it negotiates with ALPN or assumes h2 (the SDK's default). */
class TlsIT {

    @TempDir
    static Path certs;

    private static SluiceServerExtension server;
    private static TrustManager[] trust;

    @BeforeAll
    static void start() throws Exception {
        TestCertificate certificate = TestCertificate.create(certs);
        trust = certificate.trustManagers();
        server = SluiceServerExtension.builder()
                .configure(config -> config.withTls(certificate.certificate(), certificate.privateKey())).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theSyncClientTalksHttp1OverTls() {
        assertThat(server.server().endpoint().getScheme()).isEqualTo("https");
        try (KinesisClient kinesis = KinesisClient.builder()
                .endpointOverride(server.server().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(KinesisClients.CREDENTIALS))
                .httpClientBuilder(Apache5HttpClient.builder().tlsTrustManagersProvider(() -> trust))
                .build()) {
            kinesis.createStream(r -> r.streamName("tls-sync").shardCount(1));
            kinesis.putRecord(r -> r.streamName("tls-sync").partitionKey("k").data(SdkBytes.fromUtf8String("secret")));

            assertThat(kinesis.listStreams(r -> { }).streamNames()).contains("tls-sync");
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolNegotiation.class)
    void theAsyncClientTalksHttp2WithOrWithoutAlpn(ProtocolNegotiation negotiation) {
        String stream = "tls-async-" + negotiation.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        try (KinesisAsyncClient kinesis = asyncClient(negotiation)) {
            kinesis.createStream(r -> r.streamName(stream).shardCount(1)).join();

            assertThat(kinesis.describeStreamSummary(r -> r.streamName(stream)).join()
                    .streamDescriptionSummary().openShardCount()).isEqualTo(1);
        }
    }

    /** Enhanced fan-out over TLS (h2 by ALPN or assumed), with the SDK's default CBOR on for the other calls. */
    @ParameterizedTest
    @EnumSource(ProtocolNegotiation.class)
    void theAsyncClientSubscribesToAShardOverTls(ProtocolNegotiation negotiation) throws Exception {
        String stream = "tls-efo-" + negotiation.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        System.setProperty("aws.cborEnabled", "true");
        try (KinesisAsyncClient kinesis = asyncClient(negotiation)) {
            kinesis.createStream(r -> r.streamName(stream).shardCount(1)).join();
            String streamArn = kinesis.describeStreamSummary(r -> r.streamName(stream)).join()
                    .streamDescriptionSummary().streamARN();
            String consumer = kinesis.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName("tls")).join()
                    .consumer().consumerARN();
            for (String value : new String[] {"one", "two"}) {
                kinesis.putRecord(r -> r.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String(value))).join();
            }

            Subscription subscription = Subscription.start(kinesis, consumer, "shardId-000000000000",
                    StartingPosition.builder().type(ShardIteratorType.TRIM_HORIZON).build());

            assertThat(subscription.records(2)).extracting(r -> r.data().asUtf8String()).containsExactly("one", "two");
            subscription.cancel();
        } finally {
            System.clearProperty("aws.cborEnabled");
        }
    }

    /** The SDK's async client over TLS, trusting the test's certificate; with CBOR as the JVM's setting says. */
    private static KinesisAsyncClient asyncClient(ProtocolNegotiation negotiation) {
        return KinesisAsyncClient.builder()
                .endpointOverride(server.server().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(KinesisClients.CREDENTIALS))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .protocol(Protocol.HTTP2)
                        .protocolNegotiation(negotiation)
                        .readTimeout(Duration.ofSeconds(30))
                        .tlsTrustManagersProvider(() -> trust))
                .build();
    }
}
