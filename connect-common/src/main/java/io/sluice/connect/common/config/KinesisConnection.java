package io.sluice.connect.common.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;
import software.amazon.awssdk.regions.Region;

/**
 * Where and how a connector reaches Kinesis, parsed once from {@link KinesisConnectionConfig}. Immutable; the
 * secret key stays a {@link Password}, so {@code toString()} never shows it.
 *
 * @param region            the signing region, and the endpoint's region when there is no override
 * @param endpointOverride  {@code kinesis.base.url}, when set
 * @param credentials       which credentials to sign with
 * @param cborEnabled       CBOR (the SDK's default for Kinesis) or JSON 1.1 bodies
 * @param apiCallTimeout    the bound on one API call, retries included
 * @param maxRetries        retries after the first attempt
 */
public record KinesisConnection(
        Region region,
        Optional<URI> endpointOverride,
        Credentials credentials,
        boolean cborEnabled,
        Duration apiCallTimeout,
        int maxRetries) {

    public KinesisConnection {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpointOverride, "endpointOverride");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(apiCallTimeout, "apiCallTimeout");
        if (apiCallTimeout.isNegative() || apiCallTimeout.isZero()) {
            throw new IllegalArgumentException("apiCallTimeout must be positive, got " + apiCallTimeout);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be at least 0, got " + maxRetries);
        }
    }

    /** The credentials, one record per {@link CredentialsProviderType}. */
    public sealed interface Credentials {
        CredentialsProviderType type();
    }

    /** An access key pair. */
    public record StaticKeys(String accessKeyId, Password secretAccessKey) implements Credentials {
        public StaticKeys {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        }

        @Override
        public CredentialsProviderType type() {
            return CredentialsProviderType.STATIC;
        }
    }

    /** The SDK's default provider chain. */
    public record DefaultChain() implements Credentials {
        @Override
        public CredentialsProviderType type() {
            return CredentialsProviderType.DEFAULT;
        }
    }

    /** A profile of the shared files; empty means the SDK's choice ({@code AWS_PROFILE}, else {@code default}). */
    public record Profile(Optional<String> profileName) implements Credentials {
        public Profile {
            Objects.requireNonNull(profileName, "profileName");
        }

        @Override
        public CredentialsProviderType type() {
            return CredentialsProviderType.PROFILE;
        }
    }

    /**
     * STS AssumeRole. {@code sourceKeys} call STS when present; otherwise the default chain does.
     */
    public record AssumeRole(String roleArn, Optional<String> externalId, String sessionName,
                             Optional<StaticKeys> sourceKeys) implements Credentials {
        public AssumeRole {
            Objects.requireNonNull(roleArn, "roleArn");
            Objects.requireNonNull(externalId, "externalId");
            Objects.requireNonNull(sessionName, "sessionName");
            Objects.requireNonNull(sourceKeys, "sourceKeys");
        }

        @Override
        public CredentialsProviderType type() {
            return CredentialsProviderType.ASSUME_ROLE;
        }
    }
}
