package io.sluice.connect.common.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connect.common.config.KinesisConnection;
import io.sluice.connect.common.config.KinesisConnection.AssumeRole;
import io.sluice.connect.common.config.KinesisConnectionConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.kinesis.KinesisServiceClientConfiguration;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/** Which credentials provider each setting picks, resolved for real where that needs no network. */
class KinesisClientFactoryTest {

    private final Map<String, String> savedProperties = new HashMap<>();

    /** Sets a system property for this test only. */
    private void setProperty(String name, String value) {
        savedProperties.putIfAbsent(name, System.getProperty(name));
        System.setProperty(name, value);
    }

    @AfterEach
    void restoreProperties() {
        savedProperties.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    private static AwsCredentialsProvider provider(Map<String, String> props, List<SdkAutoCloseable> resources) {
        KinesisConnection connection = KinesisConnectionConfig.parse(props);
        return KinesisClientFactory.credentialsProvider(connection, resources);
    }

    @Test
    void staticKeysAreUsedAsGiven() {
        List<SdkAutoCloseable> resources = new ArrayList<>();
        AwsCredentialsProvider p = provider(Map.of("aws.access.key.id", "AKIAIOSFODNN7EXAMPLE",
                "aws.secret.key.id", "secret-1"), resources);
        assertThat(p).isInstanceOf(StaticCredentialsProvider.class);
        AwsCredentials c = p.resolveCredentials();
        assertThat(c.accessKeyId()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
        assertThat(c.secretAccessKey()).isEqualTo("secret-1");
        assertThat(resources).as("nothing to close").isEmpty();
    }

    @Test
    void defaultUsesTheSdkChainWhichReadsSystemPropertiesFirst() {
        setProperty("aws.accessKeyId", "AKIDFROMSYSPROPS0001");
        setProperty("aws.secretAccessKey", "from-system-properties");
        List<SdkAutoCloseable> resources = new ArrayList<>();
        AwsCredentialsProvider p = provider(Map.of("aws.credentials.provider", "default"), resources);
        assertThat(p).isInstanceOf(DefaultCredentialsProvider.class);
        assertThat(p.resolveCredentials().accessKeyId()).isEqualTo("AKIDFROMSYSPROPS0001");
        assertThat(p.resolveCredentials().secretAccessKey()).isEqualTo("from-system-properties");
        assertThat(resources).containsExactly((SdkAutoCloseable) p);
        resources.forEach(SdkAutoCloseable::close);
    }

    @Test
    void profileReadsTheNamedProfileOfTheSharedCredentialsFile(@TempDir Path dir) throws IOException {
        Path credentials = Files.writeString(dir.resolve("credentials"), """
                [default]
                aws_access_key_id = AKIDDEFAULTPROFILE01
                aws_secret_access_key = default-secret
                [ci]
                aws_access_key_id = AKIDCIPROFILE0000001
                aws_secret_access_key = ci-secret
                """);
        Path config = Files.writeString(dir.resolve("config"), "");
        setProperty("aws.sharedCredentialsFile", credentials.toString());
        setProperty("aws.configFile", config.toString());

        List<SdkAutoCloseable> resources = new ArrayList<>();
        AwsCredentialsProvider named = provider(Map.of("aws.credentials.provider", "profile",
                "aws.profile.name", "ci"), resources);
        assertThat(named).isInstanceOf(ProfileCredentialsProvider.class);
        assertThat(named.resolveCredentials().accessKeyId()).isEqualTo("AKIDCIPROFILE0000001");
        assertThat(named.resolveCredentials().secretAccessKey()).isEqualTo("ci-secret");

        setProperty("aws.profile", "default");
        AwsCredentialsProvider unnamed = provider(Map.of("aws.credentials.provider", "profile"), resources);
        assertThat(unnamed.resolveCredentials().accessKeyId()).isEqualTo("AKIDDEFAULTPROFILE01");
        resources.forEach(SdkAutoCloseable::close);
    }

    @Test
    void assumeRoleAsksStsForTheRoleWithExternalIdAndSessionName() {
        List<SdkAutoCloseable> resources = new ArrayList<>();
        AwsCredentialsProvider p = provider(Map.of("aws.credentials.provider", "assume-role",
                "aws.role.arn", "arn:aws:iam::123456789012:role/sluice",
                "aws.role.external.id", "ext-42",
                "aws.role.session.name", "task-7",
                "aws.access.key.id", "AKIAIOSFODNN7EXAMPLE",
                "aws.secret.key.id", "secret-1"), resources);
        assertThat(p).isInstanceOf(StsAssumeRoleCredentialsProvider.class);
        assertThat(resources).hasSize(2).first().as("the provider closes before its STS client").isSameAs(p);
        resources.forEach(SdkAutoCloseable::close);

        AssumeRoleRequest request = KinesisClientFactory.assumeRoleRequest(new AssumeRole(
                "arn:aws:iam::123456789012:role/sluice", Optional.of("ext-42"), "task-7", Optional.empty()));
        assertThat(request.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/sluice");
        assertThat(request.externalId()).isEqualTo("ext-42");
        assertThat(request.roleSessionName()).isEqualTo("task-7");
        assertThat(KinesisClientFactory.assumeRoleRequest(new AssumeRole("arn:aws:iam::123456789012:role/sluice",
                Optional.empty(), "sluice-connect", Optional.empty())).externalId()).isNull();
    }

    @Test
    void assumeRoleWithoutKeysCallsStsWithTheDefaultChain() {
        List<SdkAutoCloseable> resources = new ArrayList<>();
        provider(Map.of("aws.credentials.provider", "assume-role",
                "aws.role.arn", "arn:aws:iam::123456789012:role/sluice"), resources);
        assertThat(resources).hasSize(3);
        assertThat(resources.get(0)).isInstanceOf(StsAssumeRoleCredentialsProvider.class);
        assertThat(resources.get(2)).isInstanceOf(DefaultCredentialsProvider.class);
        resources.forEach(SdkAutoCloseable::close);
    }

    @Test
    void retriesMaxIsAttemptsAfterTheFirst() {
        assertThat(KinesisClientFactory.retryStrategy(0).maxAttempts()).isEqualTo(1);
        assertThat(KinesisClientFactory.retryStrategy(3).maxAttempts()).isEqualTo(4);
    }

    @Test
    void appliesRegionEndpointTimeoutAndRetriesAndKeepsThemWithExtraOverrides() {
        KinesisConnection connection = KinesisConnectionConfig.parse(Map.of("kinesis.region", "eu-central-1",
                "kinesis.base.url", "http://127.0.0.1:9", "kinesis.api.timeout.ms", "1234",
                "kinesis.retries.max", "5"));
        List<String> customizerCalls = new ArrayList<>();
        try (ManagedKinesisClient managed = KinesisClientFactory.create(connection,
                o -> customizerCalls.add("customized"))) {
            KinesisServiceClientConfiguration config = managed.client().serviceClientConfiguration();
            assertThat(config.region()).isEqualTo(Region.EU_CENTRAL_1);
            assertThat(config.endpointOverride()).contains(URI.create("http://127.0.0.1:9"));
            assertThat(config.overrideConfiguration().apiCallTimeout()).contains(Duration.ofMillis(1234));
            assertThat(config.overrideConfiguration().retryStrategy()).get()
                    .extracting(RetryStrategy::maxAttempts).isEqualTo(6);
        }
        assertThat(customizerCalls).containsExactly("customized");
    }

    @Test
    void buildingAClientLeavesTheGlobalCborPropertyAsItWas() {
        KinesisConnection json = KinesisConnectionConfig.parse(Map.of("kinesis.cbor.enabled", "false",
                "kinesis.base.url", "http://127.0.0.1:9"));
        savedProperties.putIfAbsent("aws.cborEnabled", System.getProperty("aws.cborEnabled"));
        System.clearProperty("aws.cborEnabled");
        KinesisClientFactory.create(json).close();
        assertThat(System.getProperty("aws.cborEnabled")).isNull();

        setProperty("aws.cborEnabled", "true");
        KinesisClientFactory.create(json).close();
        assertThat(System.getProperty("aws.cborEnabled")).isEqualTo("true");
    }
}
