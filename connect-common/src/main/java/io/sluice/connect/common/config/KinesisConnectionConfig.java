package io.sluice.connect.common.config;

import io.sluice.connect.common.config.KinesisConnection.AssumeRole;
import io.sluice.connect.common.config.KinesisConnection.Credentials;
import io.sluice.connect.common.config.KinesisConnection.DefaultChain;
import io.sluice.connect.common.config.KinesisConnection.Profile;
import io.sluice.connect.common.config.KinesisConnection.StaticKeys;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;
import software.amazon.awssdk.regions.Region;

/**
 * The Kinesis connection settings both connectors share, as a config fragment: {@link #update(ConfigDef)} adds
 * them to a connector's {@code ConfigDef} (group {@value #GROUP}); {@link #validate(Map)} checks them, per key and
 * across keys, with each error on the offending key; {@link #parse} turns them into a {@link KinesisConnection}.
 *
 * <p>Keys follow Confluent's Kinesis connectors where the concept is the same ({@code kinesis.region},
 * {@code kinesis.base.url}, {@code aws.access.key.id}, {@code aws.secret.key.id}), so their configurations carry
 * over: with {@code aws.credentials.provider} left unset, setting the two keys selects static credentials, as it does
 * there. Stateless and thread-safe.
 */
public final class KinesisConnectionConfig {

    public static final String GROUP = "Kinesis connection";

    public static final String REGION_CONFIG = "kinesis.region";
    public static final String REGION_DEFAULT = "us-east-1";
    private static final String REGION_DOC = "The AWS region: it signs requests and, without kinesis.base.url, picks "
            + "the AWS endpoint. An id such as us-east-1; Confluent's US_EAST_1 spelling is accepted too.";
    private static final String REGION_DISPLAY = "Region";

    public static final String BASE_URL_CONFIG = "kinesis.base.url";
    public static final String BASE_URL_DEFAULT = "";
    private static final String BASE_URL_DOC = "Endpoint override: an http:// or https:// URL such as "
            + "http://localhost:4567 for a Sluice server, LocalStack or kinesalite, or a VPC endpoint. Empty means the "
            + "region's AWS endpoint.";
    private static final String BASE_URL_DISPLAY = "Endpoint URL";

    public static final String CREDENTIALS_PROVIDER_CONFIG = "aws.credentials.provider";
    public static final String CREDENTIALS_PROVIDER_DEFAULT = CredentialsProviderType.DEFAULT.configValue();
    private static final String CREDENTIALS_PROVIDER_DOC = "Where the credentials come from: static "
            + "(aws.access.key.id and aws.secret.key.id), default (the AWS SDK's default chain: system properties, "
            + "environment, web identity, profile, container, instance role), profile (aws.profile.name of the shared "
            + "credentials and config files) or assume-role (STS AssumeRole of aws.role.arn, called with the static "
            + "keys when set, else with the default chain). Left unset while both static keys are set, static is used.";
    private static final String CREDENTIALS_PROVIDER_DISPLAY = "Credentials provider";

    public static final String ACCESS_KEY_ID_CONFIG = "aws.access.key.id";
    private static final String ACCESS_KEY_ID_DOC = "The AWS access key id, for static credentials (and as the "
            + "source credentials of assume-role).";
    private static final String ACCESS_KEY_ID_DISPLAY = "Access key id";

    public static final String SECRET_KEY_CONFIG = "aws.secret.key.id";
    private static final String SECRET_KEY_DOC = "The AWS secret access key that goes with aws.access.key.id.";
    private static final String SECRET_KEY_DISPLAY = "Secret access key";

    public static final String PROFILE_NAME_CONFIG = "aws.profile.name";
    private static final String PROFILE_NAME_DOC = "The profile to read with aws.credentials.provider=profile. "
            + "Unset means the AWS SDK's choice: AWS_PROFILE, else the profile named default.";
    private static final String PROFILE_NAME_DISPLAY = "Profile name";

    public static final String ROLE_ARN_CONFIG = "aws.role.arn";
    private static final String ROLE_ARN_DOC = "The role to assume with aws.credentials.provider=assume-role, such "
            + "as arn:aws:iam::123456789012:role/sluice.";
    private static final String ROLE_ARN_DISPLAY = "Role ARN";

    public static final String ROLE_EXTERNAL_ID_CONFIG = "aws.role.external.id";
    private static final String ROLE_EXTERNAL_ID_DOC = "The external id the role's trust policy requires, if any "
            + "(assume-role only).";
    private static final String ROLE_EXTERNAL_ID_DISPLAY = "Role external id";

    public static final String ROLE_SESSION_NAME_CONFIG = "aws.role.session.name";
    public static final String ROLE_SESSION_NAME_DEFAULT = "sluice-connect";
    private static final String ROLE_SESSION_NAME_DOC = "The role session name, visible in CloudTrail "
            + "(assume-role only).";
    private static final String ROLE_SESSION_NAME_DISPLAY = "Role session name";

    public static final String CBOR_ENABLED_CONFIG = "kinesis.cbor.enabled";
    public static final boolean CBOR_ENABLED_DEFAULT = true;
    private static final String CBOR_ENABLED_DOC = "Send requests as CBOR, the AWS SDK's default for Kinesis; false "
            + "sends JSON 1.1, for endpoints that do not speak CBOR.";
    private static final String CBOR_ENABLED_DISPLAY = "CBOR";

    public static final String API_TIMEOUT_MS_CONFIG = "kinesis.api.timeout.ms";
    public static final long API_TIMEOUT_MS_DEFAULT = 30_000L;
    private static final String API_TIMEOUT_MS_DOC = "The bound on one Kinesis API call, retries included, in "
            + "milliseconds.";
    private static final String API_TIMEOUT_MS_DISPLAY = "API call timeout (ms)";

    public static final String RETRIES_MAX_CONFIG = "kinesis.retries.max";
    public static final int RETRIES_MAX_DEFAULT = 3;
    private static final String RETRIES_MAX_DOC = "How often the AWS SDK retries a failed call (throttling, 5xx, I/O "
            + "errors) after the first attempt, with its standard backoff; 0 disables retries.";
    private static final String RETRIES_MAX_DISPLAY = "Max retries";

    private static final List<String> CREDENTIAL_KEYS = List.of(ACCESS_KEY_ID_CONFIG, SECRET_KEY_CONFIG);
    private static final List<String> ROLE_KEYS =
            List.of(ROLE_ARN_CONFIG, ROLE_EXTERNAL_ID_CONFIG, ROLE_SESSION_NAME_CONFIG);

    private static final Choice<CredentialsProviderType> PROVIDERS = Choice.of(CredentialsProviderType.class);
    private static final ConfigDef CONFIG = update(new ConfigDef());

    private KinesisConnectionConfig() {
    }

    /** Adds this fragment's keys to {@code def} and returns it. */
    public static ConfigDef update(ConfigDef def) {
        int order = 0;
        return def
                .define(REGION_CONFIG, Type.STRING, REGION_DEFAULT, new RegionValidator(), Importance.HIGH,
                        REGION_DOC, GROUP, ++order, Width.SHORT, REGION_DISPLAY)
                .define(BASE_URL_CONFIG, Type.STRING, BASE_URL_DEFAULT, new HttpUrlValidator(), Importance.HIGH,
                        BASE_URL_DOC, GROUP, ++order, Width.LONG, BASE_URL_DISPLAY)
                .define(CREDENTIALS_PROVIDER_CONFIG, Type.STRING, CREDENTIALS_PROVIDER_DEFAULT,
                        PROVIDERS, Importance.HIGH, CREDENTIALS_PROVIDER_DOC, GROUP, ++order,
                        Width.SHORT, CREDENTIALS_PROVIDER_DISPLAY, PROVIDERS)
                // No format check: emulators take any id (LocalStack's convention is test/test), and AWS's
                // own format is not promised to stay as it is.
                .define(ACCESS_KEY_ID_CONFIG, Type.STRING, null, new NotBlankValidator("an access key id"),
                        Importance.HIGH, ACCESS_KEY_ID_DOC, GROUP, ++order, Width.MEDIUM, ACCESS_KEY_ID_DISPLAY)
                .define(SECRET_KEY_CONFIG, Type.PASSWORD, null, new NotBlankValidator("a secret access key"),
                        Importance.HIGH,
                        SECRET_KEY_DOC, GROUP, ++order, Width.MEDIUM, SECRET_KEY_DISPLAY)
                .define(PROFILE_NAME_CONFIG, Type.STRING, null, new PatternValidator("[^\\s\\[\\]]+",
                        "a profile name without blanks or brackets"), Importance.MEDIUM, PROFILE_NAME_DOC,
                        GROUP, ++order, Width.SHORT, PROFILE_NAME_DISPLAY, new OnlyFor(CredentialsProviderType.PROFILE))
                .define(ROLE_ARN_CONFIG, Type.STRING, null, new PatternValidator(
                        "arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}",
                        "an IAM role ARN such as arn:aws:iam::123456789012:role/sluice"), Importance.MEDIUM,
                        ROLE_ARN_DOC, GROUP, ++order, Width.LONG, ROLE_ARN_DISPLAY,
                        new OnlyFor(CredentialsProviderType.ASSUME_ROLE))
                .define(ROLE_EXTERNAL_ID_CONFIG, Type.STRING, null, new PatternValidator("[\\w+=,.@:/-]{2,1224}",
                        "2 to 1224 of the characters A-Z a-z 0-9 _ + = , . @ : / -"), Importance.LOW,
                        ROLE_EXTERNAL_ID_DOC, GROUP, ++order, Width.MEDIUM, ROLE_EXTERNAL_ID_DISPLAY,
                        new OnlyFor(CredentialsProviderType.ASSUME_ROLE))
                .define(ROLE_SESSION_NAME_CONFIG, Type.STRING, ROLE_SESSION_NAME_DEFAULT, new PatternValidator(
                        "[\\w+=,.@-]{2,64}", "2 to 64 of the characters A-Z a-z 0-9 _ + = , . @ -"), Importance.LOW,
                        ROLE_SESSION_NAME_DOC, GROUP, ++order, Width.MEDIUM, ROLE_SESSION_NAME_DISPLAY,
                        new OnlyFor(CredentialsProviderType.ASSUME_ROLE))
                .define(CBOR_ENABLED_CONFIG, Type.BOOLEAN, CBOR_ENABLED_DEFAULT, Importance.LOW, CBOR_ENABLED_DOC,
                        GROUP, ++order, Width.SHORT, CBOR_ENABLED_DISPLAY)
                .define(API_TIMEOUT_MS_CONFIG, Type.LONG, API_TIMEOUT_MS_DEFAULT, Range.between(1L, 3_600_000L),
                        Importance.LOW, API_TIMEOUT_MS_DOC, GROUP, ++order, Width.SHORT, API_TIMEOUT_MS_DISPLAY)
                .define(RETRIES_MAX_CONFIG, Type.INT, RETRIES_MAX_DEFAULT, Range.between(0, 100), Importance.LOW,
                        RETRIES_MAX_DOC, GROUP, ++order, Width.SHORT, RETRIES_MAX_DISPLAY);
    }

    /** A new {@code ConfigDef} holding only this fragment (for docs and for parsing the fragment alone). */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    /**
     * Checks this fragment's keys in {@code props} (raw connector properties): each key's own validator first, then
     * the rules across keys, for keys whose own value is valid. Returns the messages per offending key, in the
     * fragment's key order; empty when all is well.
     */
    public static Map<String, List<String>> validate(Map<String, String> props) {
        Config config = new Config(CONFIG.validate(props));
        crossKeyErrors(props).attachTo(config);
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        config.configValues().stream().filter(v -> !v.errorMessages().isEmpty())
                .sorted(Comparator.comparing(ConfigValue::name, KEY_ORDER))
                .forEach(v -> ordered.put(v.name(), List.copyOf(v.errorMessages())));
        return ordered;
    }

    /** Parses this fragment's keys of a connector's (validated) config. */
    public static KinesisConnection parse(AbstractConfig config) {
        return parse(config.originalsStrings());
    }

    /**
     * Parses this fragment's keys of raw properties.
     *
     * @throws ConfigException listing every problem {@link #validate(Map)} finds
     */
    public static KinesisConnection parse(Map<String, String> props) {
        Map<String, List<String>> errors = validate(props);
        if (!errors.isEmpty()) {
            KeyErrors all = new KeyErrors();
            errors.forEach((key, messages) -> messages.forEach(m -> all.add(key, m)));
            throw all.toException("Kinesis connection settings");
        }
        AbstractConfig config = new AbstractConfig(CONFIG, props, false);
        String baseUrl = config.getString(BASE_URL_CONFIG).trim();
        return new KinesisConnection(
                Region.of(normalizeRegion(config.getString(REGION_CONFIG))),
                baseUrl.isEmpty() ? Optional.empty() : Optional.of(URI.create(baseUrl)),
                credentials(config, props),
                config.getBoolean(CBOR_ENABLED_CONFIG),
                Duration.ofMillis(config.getLong(API_TIMEOUT_MS_CONFIG)),
                config.getInt(RETRIES_MAX_CONFIG));
    }

    private static Credentials credentials(AbstractConfig config, Map<String, String> props) {
        RawConfig raw = new RawConfig(props);
        Optional<StaticKeys> keys = raw.isSet(ACCESS_KEY_ID_CONFIG) && raw.isSet(SECRET_KEY_CONFIG)
                ? Optional.of(new StaticKeys(config.getString(ACCESS_KEY_ID_CONFIG).trim(),
                        config.getPassword(SECRET_KEY_CONFIG)))
                : Optional.empty();
        return switch (provider(raw).orElseThrow()) {
            case STATIC -> keys.orElseThrow();
            case DEFAULT -> new DefaultChain();
            case PROFILE -> new Profile(Optional.ofNullable(trimmedOrNull(config.getString(PROFILE_NAME_CONFIG))));
            case ASSUME_ROLE -> new AssumeRole(config.getString(ROLE_ARN_CONFIG).trim(),
                    Optional.ofNullable(trimmedOrNull(config.getString(ROLE_EXTERNAL_ID_CONFIG))),
                    config.getString(ROLE_SESSION_NAME_CONFIG).trim(), keys);
        };
    }

    /**
     * The provider in effect: the configured one, else static when either key is set, else default; empty when the
     * configured value names none.
     */
    private static Optional<CredentialsProviderType> provider(RawConfig raw) {
        if (raw.isSet(CREDENTIALS_PROVIDER_CONFIG)) {
            return PROVIDERS.lookup(raw.props().get(CREDENTIALS_PROVIDER_CONFIG));
        }
        return Optional.of(raw.isSet(ACCESS_KEY_ID_CONFIG) || raw.isSet(SECRET_KEY_CONFIG)
                ? CredentialsProviderType.STATIC : CredentialsProviderType.DEFAULT);
    }

    /**
     * The rules across this fragment's keys, for raw properties: which keys the provider in effect needs and which
     * it does not use. None apply while the provider is unknown (its own validator reports that).
     */
    public static KeyErrors crossKeyErrors(Map<String, String> props) {
        KeyErrors errors = new KeyErrors();
        RawConfig raw = new RawConfig(props);
        Optional<CredentialsProviderType> inEffect = provider(raw);
        if (inEffect.isEmpty()) {
            return errors;
        }
        CredentialsProviderType provider = inEffect.get();
        boolean explicit = raw.isSet(CREDENTIALS_PROVIDER_CONFIG);
        switch (provider) {
            case STATIC -> {
                for (String key : CREDENTIAL_KEYS) {
                    if (!raw.isSet(key)) {
                        errors.add(key, explicit
                                ? key + " is required when " + CREDENTIALS_PROVIDER_CONFIG + "=static: set both "
                                        + ACCESS_KEY_ID_CONFIG + " and " + SECRET_KEY_CONFIG + ", or choose "
                                        + CREDENTIALS_PROVIDER_CONFIG + "=default, profile or assume-role"
                                : missingPartner(key));
                    }
                }
            }
            case ASSUME_ROLE -> {
                if (!raw.isSet(ROLE_ARN_CONFIG)) {
                    errors.add(ROLE_ARN_CONFIG, ROLE_ARN_CONFIG + " is required when " + CREDENTIALS_PROVIDER_CONFIG
                            + "=assume-role: set it to the ARN of the role to assume, such as "
                            + "arn:aws:iam::123456789012:role/sluice");
                }
                if (raw.isSet(ACCESS_KEY_ID_CONFIG) != raw.isSet(SECRET_KEY_CONFIG)) {
                    String missing = raw.isSet(ACCESS_KEY_ID_CONFIG) ? SECRET_KEY_CONFIG : ACCESS_KEY_ID_CONFIG;
                    errors.add(missing, missingPartner(missing));
                }
            }
            case DEFAULT, PROFILE -> {
                for (String key : CREDENTIAL_KEYS) {
                    if (raw.isSet(key)) {
                        errors.add(key, notUsed(key, provider, "static"));
                    }
                }
            }
        }
        if (provider != CredentialsProviderType.ASSUME_ROLE) {
            for (String key : ROLE_KEYS) {
                if (raw.isSet(key)) {
                    errors.add(key, notUsed(key, provider, "assume-role"));
                }
            }
        }
        if (provider != CredentialsProviderType.PROFILE && raw.isSet(PROFILE_NAME_CONFIG)) {
            errors.add(PROFILE_NAME_CONFIG, notUsed(PROFILE_NAME_CONFIG, provider, "profile"));
        }
        return errors;
    }

    private static String missingPartner(String missing) {
        String partner = missing.equals(ACCESS_KEY_ID_CONFIG) ? SECRET_KEY_CONFIG : ACCESS_KEY_ID_CONFIG;
        return missing + " is missing: " + partner + " is set, and static credentials need both "
                + ACCESS_KEY_ID_CONFIG + " and " + SECRET_KEY_CONFIG + "; set " + missing + ", or remove " + partner;
    }

    private static String notUsed(String key, CredentialsProviderType provider, String usedWith) {
        return key + " is not used with " + CREDENTIALS_PROVIDER_CONFIG + "=" + provider.configValue() + ": set "
                + CREDENTIALS_PROVIDER_CONFIG + "=" + usedWith + " to use it, or remove " + key;
    }

    private static String trimmedOrNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** {@code US_EAST_1} and {@code us-east-1} both become {@code us-east-1}. */
    static String normalizeRegion(String value) {
        return value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static final Comparator<String> KEY_ORDER = Comparator.comparingInt(
            key -> CONFIG.configKeys().get(key).orderInGroup);

    private static final class RegionValidator implements ConfigDef.Validator {
        private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || !REGION.matcher(normalizeRegion((String) value)).matches()) {
                throw new ConfigException(name, value, "must be an AWS region id such as us-east-1 or eu-west-2");
            }
        }

        @Override
        public String toString() {
            return "an AWS region id such as us-east-1 (or US_EAST_1)";
        }
    }

    private static final class HttpUrlValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String text = value == null ? "" : ((String) value).trim();
            if (text.isEmpty()) {
                return;
            }
            try {
                URI uri = new URI(text);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    return;
                }
            } catch (URISyntaxException e) {
                // reported below, in the same words as any other malformed value
            }
            throw new ConfigException(name, value, "must be an http:// or https:// URL with a host, such as "
                    + "http://localhost:4567 or https://kinesis.us-east-1.amazonaws.com; leave it empty to use the "
                    + "AWS endpoint of " + REGION_CONFIG);
        }

        @Override
        public String toString() {
            return "empty, or an http:// or https:// URL";
        }
    }

    /**
     * Shows a key only for the providers that use it (or while the provider is unknown). The static keys stay
     * visible always: with the provider left at its default they select static credentials.
     */
    private static final class OnlyFor implements ConfigDef.Recommender {
        private final List<CredentialsProviderType> providers;

        OnlyFor(CredentialsProviderType... providers) {
            this.providers = List.of(providers);
        }

        @Override
        public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
            return List.of();
        }

        @Override
        public boolean visible(String name, Map<String, Object> parsedConfig) {
            Object provider = parsedConfig.get(CREDENTIALS_PROVIDER_CONFIG);
            return PROVIDERS.lookup(provider instanceof String s ? s : null)
                    .map(providers::contains).orElse(true);
        }
    }

    private static final class PatternValidator implements ConfigDef.Validator {
        private final Pattern pattern;
        private final String description;

        PatternValidator(String regex, String description) {
            this.pattern = Pattern.compile(regex);
            this.description = description;
        }

        @Override
        public void ensureValid(String name, Object value) {
            if (value != null && !((String) value).isBlank() && !pattern.matcher(((String) value).trim()).matches()) {
                throw new ConfigException(name, value, "must be " + description);
            }
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /** Unset or any text but blanks. The message never shows the value: a password shows as [hidden]. */
    private static final class NotBlankValidator implements ConfigDef.Validator {
        private final String description;

        NotBlankValidator(String description) {
            this.description = description;
        }

        @Override
        public void ensureValid(String name, Object value) {
            String text = value instanceof Password p ? p.value() : (String) value;
            if (text != null && !text.isEmpty() && text.isBlank()) {
                throw new ConfigException(name, value, "must not be blank");
            }
        }

        @Override
        public String toString() {
            return description;
        }
    }
}
