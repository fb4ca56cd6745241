package io.sluice.connect.common.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The values of {@code aws.credentials.provider}. */
public enum CredentialsProviderType {
    /** {@code aws.access.key.id} and {@code aws.secret.key.id}. */
    STATIC("static"),
    /** The AWS SDK's default chain: system properties, environment, web identity, profile, container, instance. */
    DEFAULT("default"),
    /** A named profile of the shared credentials and config files. */
    PROFILE("profile"),
    /** STS AssumeRole, from the static keys when set, else from the default chain. */
    ASSUME_ROLE("assume-role");

    private final String configValue;

    CredentialsProviderType(String configValue) {
        this.configValue = configValue;
    }

    /** The spelling in the configuration, e.g. {@code assume-role}. */
    public String configValue() {
        return configValue;
    }

    /** The configuration spellings, in declaration order. */
    public static List<String> configValues() {
        return Arrays.stream(values()).map(CredentialsProviderType::configValue).toList();
    }

    /** Looks a spelling up, ignoring case and surrounding blanks. */
    public static Optional<CredentialsProviderType> fromConfigValue(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.configValue.equals(wanted)).findFirst();
    }
}
