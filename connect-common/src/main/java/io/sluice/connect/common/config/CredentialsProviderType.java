package io.sluice.connect.common.config;

/** The values of {@code aws.credentials.provider}. */
public enum CredentialsProviderType implements ConfigChoice {
    /** {@code aws.access.key.id} and {@code aws.secret.key.id}. */
    STATIC,
    /** The AWS SDK's default chain: system properties, environment, web identity, profile, container, instance. */
    DEFAULT,
    /** A named profile of the shared credentials and config files. */
    PROFILE,
    /** STS AssumeRole, from the static keys when set, else from the default chain. */
    ASSUME_ROLE
}
