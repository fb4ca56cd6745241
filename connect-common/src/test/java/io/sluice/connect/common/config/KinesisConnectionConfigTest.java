package io.sluice.connect.common.config;

import static io.sluice.connect.common.config.KinesisConnectionConfig.ACCESS_KEY_ID_CONFIG;
import static io.sluice.connect.common.config.KinesisConnectionConfig.API_TIMEOUT_MS_CONFIG;
import static io.sluice.connect.common.config.KinesisConnectionConfig.BASE_URL_CONFIG;
import static io.sluice.connect.common.config.KinesisConnectionConfig.CBOR_ENABLED_CONFIG;
import static io.sluice.connect.common.config.KinesisConnectionConfig.CREDENTIALS_PROVIDER_CONFIG;
import static io.sluice.connect.common.config.KinesisConnectionConfig.PROFILE_NAME_CONFIG;
import static io.sluice.connect.common.config.KinesisConnectionConfig.REGION_CONFIG;
import static io.sluice.connect.common.config.KinesisConnectionConfig.RETRIES_MAX_CONFIG;
import static io.sluice.connect.common.config.KinesisConnectionConfig.ROLE_ARN_CONFIG;
import static io.sluice.connect.common.config.KinesisConnectionConfig.ROLE_EXTERNAL_ID_CONFIG;
import static io.sluice.connect.common.config.KinesisConnectionConfig.ROLE_SESSION_NAME_CONFIG;
import static io.sluice.connect.common.config.KinesisConnectionConfig.SECRET_KEY_CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connect.common.config.KinesisConnection.AssumeRole;
import io.sluice.connect.common.config.KinesisConnection.DefaultChain;
import io.sluice.connect.common.config.KinesisConnection.Profile;
import io.sluice.connect.common.config.KinesisConnection.StaticKeys;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class KinesisConnectionConfigTest {

    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String ROLE = "arn:aws:iam::123456789012:role/sluice";

    private static Map<String, List<String>> errors(Map<String, String> props) {
        return KinesisConnectionConfig.validate(props);
    }

    @Test
    void emptyConfigurationIsValidAndMeansUsEast1WithTheDefaultChain() {
        assertThat(errors(Map.of())).isEmpty();
        KinesisConnection c = KinesisConnectionConfig.parse(Map.of());
        assertThat(c).isEqualTo(new KinesisConnection(Region.US_EAST_1, Optional.empty(), new DefaultChain(), true,
                Duration.ofSeconds(30), 3));
    }

    @Test
    void parsesEverySettingIntoTypedValues() {
        KinesisConnection c = KinesisConnectionConfig.parse(Map.of(
                REGION_CONFIG, "eu-west-2",
                BASE_URL_CONFIG, " http://127.0.0.1:4567 ",
                ACCESS_KEY_ID_CONFIG, KEY_ID,
                SECRET_KEY_CONFIG, SECRET,
                CREDENTIALS_PROVIDER_CONFIG, "STATIC",
                CBOR_ENABLED_CONFIG, "false",
                API_TIMEOUT_MS_CONFIG, "2500",
                RETRIES_MAX_CONFIG, "0"));
        assertThat(c.region()).isEqualTo(Region.EU_WEST_2);
        assertThat(c.endpointOverride()).contains(URI.create("http://127.0.0.1:4567"));
        assertThat(c.credentials()).isEqualTo(new StaticKeys(KEY_ID, new Password(SECRET)));
        assertThat(c.cborEnabled()).isFalse();
        assertThat(c.apiCallTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(c.maxRetries()).isZero();
        assertThat(c.toString()).as("the secret never shows").doesNotContain(SECRET).contains("[hidden]");
    }

    @Test
    void acceptsAnyAccessKeyIdSuchAsLocalStacksTest() {
        assertThat(errors(Map.of(ACCESS_KEY_ID_CONFIG, "test", SECRET_KEY_CONFIG, "test"))).isEmpty();
        assertThat(KinesisConnectionConfig.parse(Map.of(ACCESS_KEY_ID_CONFIG, "test", SECRET_KEY_CONFIG, "test"))
                .credentials()).isEqualTo(new StaticKeys("test", new Password("test")));
    }

    @Test
    void noValidationMessageShowsTheSecret() {
        String blankSecret = " \t ";
        Map<String, List<String>> blank = errors(Map.of(ACCESS_KEY_ID_CONFIG, KEY_ID, SECRET_KEY_CONFIG, blankSecret));
        assertThat(blank).as("a blank secret is no secret").containsExactly(Map.entry(SECRET_KEY_CONFIG, List.of(
                "aws.secret.key.id is missing: aws.access.key.id is set, and static credentials need both "
                        + "aws.access.key.id and aws.secret.key.id; set aws.secret.key.id, or remove "
                        + "aws.access.key.id")));
        // every cross-field rule that involves the keys, with a real-looking secret
        for (String provider : List.of("default", "profile", "static", "assume-role")) {
            Map<String, List<String>> all = errors(Map.of(CREDENTIALS_PROVIDER_CONFIG, provider,
                    SECRET_KEY_CONFIG, SECRET, ROLE_EXTERNAL_ID_CONFIG, "x"));
            assertThat(all.toString()).as(provider).doesNotContain(SECRET).doesNotContain("wJalrXUtnFEMI");
        }
    }

    @Test
    void acceptsConfluentsRegionSpelling() {
        assertThat(KinesisConnectionConfig.parse(Map.of(REGION_CONFIG, "US_WEST_2")).region())
                .isEqualTo(Region.US_WEST_2);
    }

    @Test
    void confluentStyleKeysWithoutAProviderSelectStaticCredentials() {
        KinesisConnection c = KinesisConnectionConfig.parse(Map.of(ACCESS_KEY_ID_CONFIG, KEY_ID,
                SECRET_KEY_CONFIG, SECRET));
        assertThat(c.credentials()).isEqualTo(new StaticKeys(KEY_ID, new Password(SECRET)));
    }

    @Test
    void parsesProfileAndAssumeRole() {
        assertThat(KinesisConnectionConfig.parse(Map.of(CREDENTIALS_PROVIDER_CONFIG, "profile")).credentials())
                .isEqualTo(new Profile(Optional.empty()));
        assertThat(KinesisConnectionConfig.parse(Map.of(CREDENTIALS_PROVIDER_CONFIG, "profile",
                PROFILE_NAME_CONFIG, "ci")).credentials()).isEqualTo(new Profile(Optional.of("ci")));
        assertThat(KinesisConnectionConfig.parse(Map.of(CREDENTIALS_PROVIDER_CONFIG, "assume-role",
                ROLE_ARN_CONFIG, ROLE)).credentials())
                .isEqualTo(new AssumeRole(ROLE, Optional.empty(), "sluice-connect", Optional.empty()));
        assertThat(KinesisConnectionConfig.parse(Map.of(CREDENTIALS_PROVIDER_CONFIG, "assume-role",
                ROLE_ARN_CONFIG, ROLE, ROLE_EXTERNAL_ID_CONFIG, "ext-42", ROLE_SESSION_NAME_CONFIG, "task-0",
                ACCESS_KEY_ID_CONFIG, KEY_ID, SECRET_KEY_CONFIG, SECRET)).credentials())
                .isEqualTo(new AssumeRole(ROLE, Optional.of("ext-42"), "task-0",
                        Optional.of(new StaticKeys(KEY_ID, new Password(SECRET)))));
    }

    @Test
    void rejectsABadRegion() {
        assertThat(errors(Map.of(REGION_CONFIG, "mars"))).containsExactly(Map.entry(REGION_CONFIG, List.of(
                "Invalid value mars for configuration kinesis.region: must be an AWS region id such as us-east-1 "
                        + "or eu-west-2")));
    }

    @Test
    void rejectsABaseUrlThatIsNotAnHttpUrl() {
        String message = ": must be an http:// or https:// URL with a host, such as http://localhost:4567 or "
                + "https://kinesis.us-east-1.amazonaws.com; leave it empty to use the AWS endpoint of kinesis.region";
        assertThat(errors(Map.of(BASE_URL_CONFIG, "localhost:4567"))).containsExactly(Map.entry(BASE_URL_CONFIG,
                List.of("Invalid value localhost:4567 for configuration kinesis.base.url" + message)));
        assertThat(errors(Map.of(BASE_URL_CONFIG, "ftp://host/"))).containsExactly(Map.entry(BASE_URL_CONFIG,
                List.of("Invalid value ftp://host/ for configuration kinesis.base.url" + message)));
        assertThat(errors(Map.of(BASE_URL_CONFIG, "http://"))).containsKey(BASE_URL_CONFIG);
        assertThat(errors(Map.of(BASE_URL_CONFIG, "https://kinesis.eu-west-1.amazonaws.com"))).isEmpty();
    }

    @Test
    void rejectsAnUnknownProvider() {
        assertThat(errors(Map.of(CREDENTIALS_PROVIDER_CONFIG, "iam"))).containsExactly(Map.entry(
                CREDENTIALS_PROVIDER_CONFIG, List.of("Invalid value iam for configuration aws.credentials.provider: "
                        + "must be one of static, default, profile, assume-role")));
    }

    @Test
    void rejectsOutOfRangeNumbersAndMalformedIds() {
        assertThat(errors(Map.of(RETRIES_MAX_CONFIG, "-1"))).containsExactly(Map.entry(RETRIES_MAX_CONFIG, List.of(
                "Invalid value -1 for configuration kinesis.retries.max: Value must be at least 0")));
        assertThat(errors(Map.of(API_TIMEOUT_MS_CONFIG, "0"))).containsExactly(Map.entry(API_TIMEOUT_MS_CONFIG,
                List.of("Invalid value 0 for configuration kinesis.api.timeout.ms: Value must be at least 1")));
        assertThat(errors(Map.of(CBOR_ENABLED_CONFIG, "yes"))).containsExactly(Map.entry(CBOR_ENABLED_CONFIG,
                List.of("Invalid value yes for configuration kinesis.cbor.enabled: Expected value to be either true "
                        + "or false")));
        assertThat(errors(Map.of(CREDENTIALS_PROVIDER_CONFIG, "assume-role", ROLE_ARN_CONFIG, "sluice")))
                .containsExactly(Map.entry(ROLE_ARN_CONFIG, List.of("Invalid value sluice for configuration "
                        + "aws.role.arn: must be an IAM role ARN such as arn:aws:iam::123456789012:role/sluice")));
        assertThat(errors(Map.of(CREDENTIALS_PROVIDER_CONFIG, "assume-role", ROLE_ARN_CONFIG, ROLE,
                ROLE_SESSION_NAME_CONFIG, "a b"))).containsExactly(Map.entry(ROLE_SESSION_NAME_CONFIG, List.of(
                "Invalid value a b for configuration aws.role.session.name: must be 2 to 64 of the characters "
                        + "A-Z a-z 0-9 _ + = , . @ -")));
    }

    @Test
    void staticNeedsBothKeys() {
        assertThat(errors(Map.of(CREDENTIALS_PROVIDER_CONFIG, "static"))).containsExactly(
                Map.entry(ACCESS_KEY_ID_CONFIG, List.of("aws.access.key.id is required when "
                        + "aws.credentials.provider=static: set both aws.access.key.id and aws.secret.key.id, or "
                        + "choose aws.credentials.provider=default, profile or assume-role")),
                Map.entry(SECRET_KEY_CONFIG, List.of("aws.secret.key.id is required when "
                        + "aws.credentials.provider=static: set both aws.access.key.id and aws.secret.key.id, or "
                        + "choose aws.credentials.provider=default, profile or assume-role")));
    }

    @Test
    void aLoneKeyNamesItsMissingPartner() {
        assertThat(errors(Map.of(ACCESS_KEY_ID_CONFIG, KEY_ID))).containsExactly(Map.entry(SECRET_KEY_CONFIG,
                List.of("aws.secret.key.id is missing: aws.access.key.id is set, and static credentials need both "
                        + "aws.access.key.id and aws.secret.key.id; set aws.secret.key.id, or remove "
                        + "aws.access.key.id")));
        assertThat(errors(Map.of(CREDENTIALS_PROVIDER_CONFIG, "assume-role", ROLE_ARN_CONFIG, ROLE,
                SECRET_KEY_CONFIG, SECRET))).containsExactly(Map.entry(ACCESS_KEY_ID_CONFIG, List.of(
                "aws.access.key.id is missing: aws.secret.key.id is set, and static credentials need both "
                        + "aws.access.key.id and aws.secret.key.id; set aws.access.key.id, or remove "
                        + "aws.secret.key.id")));
    }

    @Test
    void assumeRoleNeedsTheRoleArn() {
        assertThat(errors(Map.of(CREDENTIALS_PROVIDER_CONFIG, "assume-role"))).containsExactly(Map.entry(
                ROLE_ARN_CONFIG, List.of("aws.role.arn is required when aws.credentials.provider=assume-role: set it "
                        + "to the ARN of the role to assume, such as arn:aws:iam::123456789012:role/sluice")));
    }

    @Test
    void settingsOfAnotherProviderAreReportedOnTheirKey() {
        assertThat(errors(Map.of(CREDENTIALS_PROVIDER_CONFIG, "default", ACCESS_KEY_ID_CONFIG, KEY_ID,
                SECRET_KEY_CONFIG, SECRET, ROLE_ARN_CONFIG, ROLE, PROFILE_NAME_CONFIG, "ci"))).containsExactly(
                Map.entry(ACCESS_KEY_ID_CONFIG, List.of("aws.access.key.id is not used with "
                        + "aws.credentials.provider=default: set aws.credentials.provider=static to use it, or remove "
                        + "aws.access.key.id")),
                Map.entry(SECRET_KEY_CONFIG, List.of("aws.secret.key.id is not used with "
                        + "aws.credentials.provider=default: set aws.credentials.provider=static to use it, or remove "
                        + "aws.secret.key.id")),
                Map.entry(PROFILE_NAME_CONFIG, List.of("aws.profile.name is not used with "
                        + "aws.credentials.provider=default: set aws.credentials.provider=profile to use it, or "
                        + "remove aws.profile.name")),
                Map.entry(ROLE_ARN_CONFIG, List.of("aws.role.arn is not used with aws.credentials.provider=default: "
                        + "set aws.credentials.provider=assume-role to use it, or remove aws.role.arn")));
        assertThat(errors(Map.of(CREDENTIALS_PROVIDER_CONFIG, "profile", ROLE_EXTERNAL_ID_CONFIG, "ext-42")))
                .containsExactly(Map.entry(ROLE_EXTERNAL_ID_CONFIG, List.of("aws.role.external.id is not used with "
                        + "aws.credentials.provider=profile: set aws.credentials.provider=assume-role to use it, or "
                        + "remove aws.role.external.id")));
    }

    @Test
    void aKeysOwnErrorIsReportedInsteadOfTheCrossKeyOne() {
        assertThat(errors(Map.of(CREDENTIALS_PROVIDER_CONFIG, "default", ROLE_ARN_CONFIG, "x")))
                .containsExactly(Map.entry(ROLE_ARN_CONFIG, List.of("Invalid value x for configuration aws.role.arn: "
                        + "must be an IAM role ARN such as arn:aws:iam::123456789012:role/sluice")));
    }

    @Test
    void parseRefusesAnInvalidConfigurationNamingEveryProblem() {
        assertThatThrownBy(() -> KinesisConnectionConfig.parse(Map.of(CREDENTIALS_PROVIDER_CONFIG, "assume-role",
                RETRIES_MAX_CONFIG, "-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid Kinesis connection settings: aws.role.arn is required when "
                        + "aws.credentials.provider=assume-role: set it to the ARN of the role to assume, such as "
                        + "arn:aws:iam::123456789012:role/sluice; Invalid value -1 for configuration "
                        + "kinesis.retries.max: Value must be at least 0");
    }

    @Test
    void attachesCrossKeyErrorsToAConnectorsConfigValues() {
        ConfigDef connectorDef = KinesisConnectionConfig.update(new ConfigDef()
                .define("kinesis.stream", ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "The stream."));
        Map<String, String> props = Map.of("kinesis.stream", "s", CREDENTIALS_PROVIDER_CONFIG, "assume-role");
        List<String> probed = new ArrayList<>();
        Config config = ConnectorValidation.validate(new Config(connectorDef.validate(props)), props,
                new KeyErrors(), c -> probed.add("probed"));
        assertThat(probed).as("Kinesis is probed only when every key passed").isEmpty();
        ConfigValue arn = config.configValues().stream().filter(v -> v.name().equals(ROLE_ARN_CONFIG)).findFirst()
                .orElseThrow();
        assertThat(arn.errorMessages()).containsExactly("aws.role.arn is required when "
                + "aws.credentials.provider=assume-role: set it to the ARN of the role to assume, such as "
                + "arn:aws:iam::123456789012:role/sluice");
        assertThat(config.configValues()).filteredOn(v -> !v.name().equals(ROLE_ARN_CONFIG))
                .allSatisfy(v -> assertThat(v.errorMessages()).as(v.name()).isEmpty());
    }

    @Test
    void recommenderOffersTheProvidersAndHidesKeysOfOtherProviders() {
        Map<String, String> props = Map.of(CREDENTIALS_PROVIDER_CONFIG, "profile");
        Map<String, ConfigValue> values = new java.util.HashMap<>();
        KinesisConnectionConfig.configDef().validate(props).forEach(v -> values.put(v.name(), v));
        assertThat(values.get(CREDENTIALS_PROVIDER_CONFIG).recommendedValues())
                .containsExactly("static", "default", "profile", "assume-role");
        assertThat(values.get(PROFILE_NAME_CONFIG).visible()).isTrue();
        assertThat(values.get(ROLE_ARN_CONFIG).visible()).isFalse();
        assertThat(values.get(ACCESS_KEY_ID_CONFIG).visible()).isTrue();
    }

    @Test
    void updateAddsTheFragmentInOneGroupInOrder() {
        ConfigDef def = KinesisConnectionConfig.update(new ConfigDef());
        assertThat(def.groups()).containsExactly("Kinesis connection");
        assertThat(def.configKeys().values()).extracting(k -> k.name).containsExactly(
                "kinesis.region", "kinesis.base.url", "aws.credentials.provider", "aws.access.key.id",
                "aws.secret.key.id", "aws.profile.name", "aws.role.arn", "aws.role.external.id",
                "aws.role.session.name", "kinesis.cbor.enabled", "kinesis.api.timeout.ms", "kinesis.retries.max");
        assertThat(def.configKeys().values()).allSatisfy(k -> {
            assertThat(k.documentation).as(k.name).isNotBlank();
            assertThat(k.displayName).as(k.name).isNotBlank();
            assertThat(k.orderInGroup).as(k.name).isPositive();
        });
        assertThat(def.configKeys().get(SECRET_KEY_CONFIG).type).isEqualTo(ConfigDef.Type.PASSWORD);
    }
}
