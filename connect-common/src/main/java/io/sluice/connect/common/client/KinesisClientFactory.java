package io.sluice.connect.common.client;

import io.sluice.connect.common.config.KinesisConnection;
import io.sluice.connect.common.config.KinesisConnection.AssumeRole;
import io.sluice.connect.common.config.KinesisConnection.DefaultChain;
import io.sluice.connect.common.config.KinesisConnection.Profile;
import io.sluice.connect.common.config.KinesisConnection.StaticKeys;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClientBuilder;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Builds the synchronous {@link KinesisClient} (Apache HttpClient 5, HTTP/1.1) a connector task uses — and for
 * enhanced fan-out the {@link KinesisAsyncClient} (Netty, HTTP/2) — from a
 * {@link KinesisConnection}: region, endpoint override, credentials (static keys, the default chain, a profile, or
 * STS AssumeRole), the API call timeout, the standard retry strategy with the configured retries, and CBOR or JSON.
 *
 * <p><b>CBOR.</b> The AWS SDK (2.57.8) has no per-client switch: the Kinesis client reads the JVM-wide setting
 * {@code aws.cborEnabled} ({@link SdkSystemSetting#CBOR_ENABLED}: system property, else env {@code CBOR_ENABLED})
 * once, in its constructor ({@code AwsCborProtocolFactory.Builder}), and keeps it for its lifetime. So {@link #create}
 * sets the system property around {@code build()} under a lock and restores the previous value. The lock orders the
 * clients built here; a client built elsewhere in the JVM at that very moment could still see our value.
 *
 * <p>Thread-safe.
 */
public final class KinesisClientFactory {

    private static final Object CBOR_PROPERTY_LOCK = new Object();
    /** Longer than the 5 s within which a subscription sends an event, even when idle. */
    private static final Duration SUBSCRIPTION_READ_TIMEOUT = Duration.ofSeconds(30);

    private KinesisClientFactory() {
    }

    /** A client for {@code connection}; close the result to release it and the credentials behind it. */
    public static ManagedKinesisClient create(KinesisConnection connection) {
        return create(connection, overrides -> { });
    }

    /**
     * A client for {@code connection}, with {@code overrides} applied to its {@link ClientOverrideConfiguration}
     * after the connection's timeout and retries (e.g. to add an {@code ExecutionInterceptor} or a metrics
     * publisher). Close the result to release it and the credentials behind it.
     */
    public static ManagedKinesisClient create(KinesisConnection connection,
                                              Consumer<ClientOverrideConfiguration.Builder> overrides) {
        List<SdkAutoCloseable> resources = new ArrayList<>();
        AwsCredentialsProvider credentials = credentialsProvider(connection, resources);
        KinesisClientBuilder builder = KinesisClient.builder()
                .region(connection.region())
                .credentialsProvider(credentials)
                .httpClientBuilder(Apache5HttpClient.builder())
                // One call: the SDK's overrideConfiguration(...) replaces, it does not merge.
                .overrideConfiguration(o -> {
                    o.apiCallTimeout(connection.apiCallTimeout())
                            .retryStrategy(retryStrategy(connection.maxRetries()));
                    overrides.accept(o);
                });
        connection.endpointOverride().ifPresent(builder::endpointOverride);
        try {
            return new ManagedKinesisClient(build(builder::build, connection.cborEnabled()), resources);
        } catch (RuntimeException e) {
            resources.forEach(SdkAutoCloseable::close);
            throw e;
        }
    }

    /**
     * An async client (Netty, HTTP/2) for {@code connection}, for what only it can do: SubscribeToShard. Same
     * credentials, timeout, retries and CBOR setting as {@link #create}, except that no API call timeout applies,
     * since a subscription is one call that lasts up to five minutes. Close the result to release it.
     */
    public static ManagedKinesisAsyncClient createAsync(KinesisConnection connection) {
        List<SdkAutoCloseable> resources = new ArrayList<>();
        AwsCredentialsProvider credentials = credentialsProvider(connection, resources);
        KinesisAsyncClientBuilder builder = KinesisAsyncClient.builder()
                .region(connection.region())
                .credentialsProvider(credentials)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .protocol(Protocol.HTTP2)
                        .readTimeout(SUBSCRIPTION_READ_TIMEOUT))
                .overrideConfiguration(o -> o.retryStrategy(retryStrategy(connection.maxRetries())));
        connection.endpointOverride().ifPresent(builder::endpointOverride);
        try {
            return new ManagedKinesisAsyncClient(build(builder::build, connection.cborEnabled()), resources);
        } catch (RuntimeException e) {
            resources.forEach(SdkAutoCloseable::close);
            throw e;
        }
    }

    /** The standard strategy (backoff with jitter, throttling-aware) with {@code maxRetries} after the first try. */
    static RetryStrategy retryStrategy(int maxRetries) {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxRetries + 1).build();
    }

    // visible for testing
    static AwsCredentialsProvider credentialsProvider(KinesisConnection connection, List<SdkAutoCloseable> resources) {
        KinesisConnection.Credentials credentials = connection.credentials();
        if (credentials instanceof StaticKeys keys) {
            return staticProvider(keys);
        }
        if (credentials instanceof DefaultChain) {
            return own(DefaultCredentialsProvider.builder().build(), resources);
        }
        if (credentials instanceof Profile profile) {
            ProfileCredentialsProvider.Builder b = ProfileCredentialsProvider.builder();
            profile.profileName().ifPresent(b::profileName);
            return own(b.build(), resources);
        }
        AssumeRole role = (AssumeRole) credentials;
        AwsCredentialsProvider source = role.sourceKeys()
                .<AwsCredentialsProvider>map(KinesisClientFactory::staticProvider)
                .orElseGet(() -> own(DefaultCredentialsProvider.builder().build(), resources));
        StsClient sts = own(StsClient.builder()
                .region(connection.region())
                .credentialsProvider(source)
                .httpClientBuilder(Apache5HttpClient.builder())
                .overrideConfiguration(o -> o
                        .apiCallTimeout(connection.apiCallTimeout())
                        .retryStrategy(retryStrategy(connection.maxRetries())))
                .build(), resources);
        // own() prepends, so the provider closes before the STS client it uses, and that before its source.
        return own(StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(assumeRoleRequest(role))
                .build(), resources);
    }

    // visible for testing
    static AssumeRoleRequest assumeRoleRequest(AssumeRole role) {
        AssumeRoleRequest.Builder request = AssumeRoleRequest.builder()
                .roleArn(role.roleArn())
                .roleSessionName(role.sessionName());
        role.externalId().ifPresent(request::externalId);
        return request.build();
    }

    private static AwsCredentialsProvider staticProvider(StaticKeys keys) {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey().value()));
    }

    private static <T extends SdkAutoCloseable> T own(T resource, List<SdkAutoCloseable> resources) {
        resources.add(0, resource);
        return resource;
    }

    private static <T> T build(Supplier<T> build, boolean cborEnabled) {
        String property = SdkSystemSetting.CBOR_ENABLED.property();
        synchronized (CBOR_PROPERTY_LOCK) {
            String before = System.getProperty(property);
            System.setProperty(property, Boolean.toString(cborEnabled));
            try {
                return build.get();
            } finally {
                if (before == null) {
                    System.clearProperty(property);
                } else {
                    System.setProperty(property, before);
                }
            }
        }
    }
}
