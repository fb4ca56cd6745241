package io.sluice.server.it;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The real AWS SDK v2 clients the server must serve: sync over Apache HttpClient 5 (HTTP/1.1) and async over Netty (HTTP/2,
 * cleartext with prior knowledge), each with CBOR (the SDK's default for Kinesis) or JSON.
 */
public enum KinesisClients {
    SYNC_CBOR(false, true),
    SYNC_JSON(false, false),
    ASYNC_H2_CBOR(true, true),
    ASYNC_H2_JSON(true, false);

    public static final AwsBasicCredentials CREDENTIALS = AwsBasicCredentials.create("AKIDEXAMPLE", "secret");

    private final boolean async;
    private final boolean cbor;

    KinesisClients(boolean async, boolean cbor) {
        this.async = async;
        this.cbor = cbor;
    }

    public boolean async() {
        return async;
    }

    /** A stream name for one test and this client kind, so parameterized cases never share a stream. */
    public String streamName(String test) {
        return test + "-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * A client of this kind for the endpoint; async clients are wrapped so tests call both the same way. The SDK
     * reads the CBOR switch while building the client, so it is set only around the build.
     */
    public KinesisClient create(URI endpoint) {
        return create(endpoint, ClientOverrideConfiguration.builder().build());
    }

    /** Like {@link #create}, signing as someone else (a user of a {@code --auth sigv4} server). */
    public KinesisClient create(URI endpoint, AwsCredentials credentials) {
        return create(endpoint, credentials, ClientOverrideConfiguration.builder().build());
    }

    /** Like {@link #create}, but a throttled call fails at once instead of being retried by the SDK. */
    public KinesisClient createWithoutRetries(URI endpoint) {
        return create(endpoint, ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).build());
    }

    /**
     * The async client itself, for what only it can do (SubscribeToShard, which the SDK serves over HTTP/2 only);
     * with this kind's CBOR setting. Only for the async kinds.
     */
    public KinesisAsyncClient createAsync(URI endpoint) {
        if (!async) {
            throw new IllegalStateException(this + " is not an async client");
        }
        String previous = System.getProperty(SdkSystemSetting.CBOR_ENABLED.property());
        System.setProperty(SdkSystemSetting.CBOR_ENABLED.property(), Boolean.toString(cbor));
        try {
            return asyncClient(endpoint, CREDENTIALS, ClientOverrideConfiguration.builder().build());
        } finally {
            if (previous == null) {
                System.clearProperty(SdkSystemSetting.CBOR_ENABLED.property());
            } else {
                System.setProperty(SdkSystemSetting.CBOR_ENABLED.property(), previous);
            }
        }
    }

    private static KinesisAsyncClient asyncClient(URI endpoint, AwsCredentials credentials,
                                                  ClientOverrideConfiguration overrides) {
        return KinesisAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(overrides)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().readTimeout(Duration.ofSeconds(30)))
                .build();
    }

    private KinesisClient create(URI endpoint, ClientOverrideConfiguration overrides) {
        return create(endpoint, CREDENTIALS, overrides);
    }

    private KinesisClient create(URI endpoint, AwsCredentials credentials, ClientOverrideConfiguration overrides) {
        String previous = System.getProperty(SdkSystemSetting.CBOR_ENABLED.property());
        System.setProperty(SdkSystemSetting.CBOR_ENABLED.property(), Boolean.toString(cbor));
        try {
            if (!async) {
                return KinesisClient.builder()
                        .endpointOverride(endpoint)
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(credentials))
                        .overrideConfiguration(overrides)
                        .httpClientBuilder(Apache5HttpClient.builder().socketTimeout(Duration.ofSeconds(30)))
                        .build();
            }
            return AsyncAsSync.wrap(asyncClient(endpoint, credentials, overrides));
        } finally {
            if (previous == null) {
                System.clearProperty(SdkSystemSetting.CBOR_ENABLED.property());
            } else {
                System.setProperty(SdkSystemSetting.CBOR_ENABLED.property(), previous);
            }
        }
    }
}
