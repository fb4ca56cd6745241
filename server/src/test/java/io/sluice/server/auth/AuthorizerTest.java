package io.sluice.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.server.wire.ApiException;
import io.sluice.server.wire.ErrorType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizerTest {

    private static final String TEST_STREAM = "arn:aws:kinesis:us-east-2:123456789012:stream/Test";
    private static final String OTHER_STREAM = "arn:aws:kinesis:us-east-2:123456789012:stream/Other";

    /** The seed's section 2.2 policy: five actions on the Test stream's ARN. */
    private static final Policy SEED_POLICY = Policy.parse("""
            {
              "Version": "2012-10-17",
              "Statement": [{
                "Effect": "Allow",
                "Action": ["kinesis:DescribeStream", "kinesis:GetShardIterator", "kinesis:GetRecords",
                           "kinesis:PutRecord", "kinesis:PutRecords"],
                "Resource": "arn:aws:kinesis:us-east-2:123456789012:stream/Test"
              }]
            }""", false);

    private final Authorizer authorizer = new Authorizer("123456789012");

    @ParameterizedTest
    @ValueSource(strings = {"DescribeStream", "GetShardIterator", "GetRecords", "PutRecord", "PutRecords"})
    void seedPolicyAllowsItsFiveActionsOnItsStream(String action) {
        assertThatCode(() -> authorizer.authorize("seed", List.of(SEED_POLICY), List.of(), action, TEST_STREAM))
                .doesNotThrowAnyException();
    }

    @Test
    void seedPolicyDeniesAnyOtherAction() {
        assertDenied(() -> authorizer.authorize("seed", List.of(SEED_POLICY), List.of(), "DeleteStream", TEST_STREAM),
                "User: arn:aws:iam::123456789012:user/seed is not authorized to perform: kinesis:DeleteStream on "
                        + "resource: arn:aws:kinesis:us-east-2:123456789012:stream/Test because no identity-based "
                        + "policy allows the kinesis:DeleteStream action");
    }

    @Test
    void seedPolicyDeniesItsActionsOnAnotherStream() {
        assertDenied(() -> authorizer.authorize("seed", List.of(SEED_POLICY), List.of(), "PutRecord", OTHER_STREAM),
                "User: arn:aws:iam::123456789012:user/seed is not authorized to perform: kinesis:PutRecord on "
                        + "resource: arn:aws:kinesis:us-east-2:123456789012:stream/Other because no identity-based "
                        + "policy allows the kinesis:PutRecord action");
    }

    @Test
    void wildcardsMatchActionsCaseInsensitivelyAndArnsExactly() {
        Policy policy = Policy.parse("""
                {"Statement": {"Effect": "Allow", "Action": "Kinesis:Get*",
                               "Resource": "arn:aws:kinesis:*:123456789012:stream/T?st"}}""", false);

        assertThatCode(() -> authorizer.authorize("u", List.of(policy), List.of(), "GetRecords", TEST_STREAM))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> authorizer.authorize("u", List.of(policy), List.of(), "PutRecord", TEST_STREAM))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> authorizer.authorize("u", List.of(policy), List.of(), "GetRecords",
                "arn:aws:kinesis:us-east-2:123456789012:stream/test"))
                .as("ARN matching is case-sensitive").isInstanceOf(ApiException.class);
    }

    @Test
    void explicitDenyWinsOverAnyAllow() {
        Policy everything = Policy.parse("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}", false);
        Policy noDeletes = Policy.parse("{\"Statement\": {\"Effect\": \"Deny\", \"Action\": \"kinesis:Delete*\", \"Resource\": \"*\"}}", false);

        assertDenied(() -> authorizer.authorize("ops", List.of(everything, noDeletes), List.of(), "DeleteStream", TEST_STREAM),
                "User: arn:aws:iam::123456789012:user/ops is not authorized to perform: kinesis:DeleteStream on "
                        + "resource: arn:aws:kinesis:us-east-2:123456789012:stream/Test with an explicit deny in an "
                        + "identity-based policy");
    }

    @Test
    void aResourcePolicyGrantsToTheUserItNames() {
        Policy streamPolicy = Policy.parse("""
                {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:user/reader"},
                                "Action": "kinesis:GetRecords", "Resource": "%s"}]}""".formatted(TEST_STREAM), true);

        assertThatCode(() -> authorizer.authorize("reader", List.of(), List.of(streamPolicy), "GetRecords", TEST_STREAM))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> authorizer.authorize("writer", List.of(), List.of(streamPolicy), "GetRecords", TEST_STREAM))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void aResourcePolicyDenyOverridesAnIdentityAllow() {
        Policy everything = Policy.parse("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}", false);
        Policy streamPolicy = Policy.parse("""
                {"Statement": {"Effect": "Deny", "Principal": "*", "Action": "kinesis:PutRecord*", "Resource": "*"}}""", true);

        assertDenied(() -> authorizer.authorize("ops", List.of(everything), List.of(streamPolicy), "PutRecords", TEST_STREAM),
                "User: arn:aws:iam::123456789012:user/ops is not authorized to perform: kinesis:PutRecords on "
                        + "resource: arn:aws:kinesis:us-east-2:123456789012:stream/Test with an explicit deny in a "
                        + "resource-based policy");
    }

    @Test
    void notActionAllowsEverythingButTheNamedActions() {
        Policy policy = Policy.parse("""
                {"Statement": {"Effect": "Allow", "NotAction": "kinesis:DeleteStream", "Resource": "*"}}""", false);

        assertThatCode(() -> authorizer.authorize("u", List.of(policy), List.of(), "PutRecord", TEST_STREAM)).doesNotThrowAnyException();
        assertThatThrownBy(() -> authorizer.authorize("u", List.of(policy), List.of(), "DeleteStream", TEST_STREAM))
                .isInstanceOf(ApiException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"*\"",
            "{\"AWS\": \"*\"}",
            "{\"AWS\": \"arn:aws:iam::123456789012:user/reader\"}",
            "{\"AWS\": [\"arn:aws:iam::123456789012:user/someone\", \"arn:aws:iam::123456789012:user/reader\"]}"})
    void aResourcePolicyAllowGrantsToAnyoneOrTheUserByName(String principal) {
        Policy streamPolicy = resourcePolicy("Allow", principal);

        assertThatCode(() -> authorizer.authorize("reader", List.of(), List.of(streamPolicy), "GetRecords", TEST_STREAM))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"AWS\": \"123456789012\"}",
            "{\"AWS\": \"arn:aws:iam::123456789012:root\"}",
            "{\"AWS\": \"arn:aws:iam::123456789012:user/Reader\"}",
            "{\"AWS\": \"arn:aws:iam::999999999999:user/reader\"}"})
    void anAllowForTheAccountIsDelegationAndOneForAnotherUserGrantsNothing(String principal) {
        Policy streamPolicy = resourcePolicy("Allow", principal);

        assertDenied(() -> authorizer.authorize("reader", List.of(), List.of(streamPolicy), "GetRecords", TEST_STREAM),
                "User: arn:aws:iam::123456789012:user/reader is not authorized to perform: kinesis:GetRecords on "
                        + "resource: arn:aws:kinesis:us-east-2:123456789012:stream/Test because no identity-based policy "
                        + "allows the kinesis:GetRecords action");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"AWS\": \"123456789012\"}", "{\"AWS\": [\"arn:aws:iam::123456789012:root\"]}"})
    void aResourcePolicyDenyForTheAccountAppliesToEveryUserOfIt(String principal) {
        Policy everything = Policy.parse("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}", false);
        Policy streamPolicy = resourcePolicy("Deny", principal);

        assertDenied(() -> authorizer.authorize("reader", List.of(everything), List.of(streamPolicy), "GetRecords", TEST_STREAM),
                "User: arn:aws:iam::123456789012:user/reader is not authorized to perform: kinesis:GetRecords on "
                        + "resource: arn:aws:kinesis:us-east-2:123456789012:stream/Test with an explicit deny in a "
                        + "resource-based policy");
    }

    @Test
    void everyAttachedResourcePolicyCounts() {
        String consumer = TEST_STREAM + "/consumer/app:1764065730";
        Policy streamPolicy = Policy.parse("""
                {"Statement": {"Effect": "Deny", "Principal": "*", "Action": "kinesis:SubscribeToShard",
                               "Resource": "%s/consumer/*"}}""".formatted(TEST_STREAM), true);
        Policy consumerPolicy = Policy.parse("""
                {"Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:user/reader"},
                               "Action": "kinesis:*StreamConsumer", "Resource": "%s"}}""".formatted(consumer), true);

        assertThatCode(() -> authorizer.authorize("reader", List.of(), List.of(consumerPolicy, streamPolicy),
                "DescribeStreamConsumer", consumer)).doesNotThrowAnyException();
        assertDenied(() -> authorizer.authorize("reader", List.of(), List.of(consumerPolicy, streamPolicy),
                "SubscribeToShard", consumer), "User: arn:aws:iam::123456789012:user/reader is not authorized to "
                + "perform: kinesis:SubscribeToShard on resource: " + consumer + " with an explicit deny in a "
                + "resource-based policy");
    }

    private static Policy resourcePolicy(String effect, String principal) {
        return Policy.parse("""
                {"Statement": [{"Effect": "%s", "Principal": %s, "Action": "kinesis:GetRecords", "Resource": "%s"}]}"""
                .formatted(effect, principal, TEST_STREAM), true);
    }

    private static void assertDenied(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.ACCESS_DENIED);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
