package io.sluice.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.server.protocol.ErrorType;
import io.sluice.server.protocol.KinesisException;
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
        assertThatCode(() -> authorizer.authorize("seed", List.of(SEED_POLICY), null, action, TEST_STREAM))
                .doesNotThrowAnyException();
    }

    @Test
    void seedPolicyDeniesAnyOtherAction() {
        assertDenied(() -> authorizer.authorize("seed", List.of(SEED_POLICY), null, "DeleteStream", TEST_STREAM),
                "User: arn:aws:iam::123456789012:user/seed is not authorized to perform: kinesis:DeleteStream on "
                        + "resource: arn:aws:kinesis:us-east-2:123456789012:stream/Test because no identity-based "
                        + "policy allows the kinesis:DeleteStream action");
    }

    @Test
    void seedPolicyDeniesItsActionsOnAnotherStream() {
        assertDenied(() -> authorizer.authorize("seed", List.of(SEED_POLICY), null, "PutRecord", OTHER_STREAM),
                "User: arn:aws:iam::123456789012:user/seed is not authorized to perform: kinesis:PutRecord on "
                        + "resource: arn:aws:kinesis:us-east-2:123456789012:stream/Other because no identity-based "
                        + "policy allows the kinesis:PutRecord action");
    }

    @Test
    void wildcardsMatchActionsCaseInsensitivelyAndArnsExactly() {
        Policy policy = Policy.parse("""
                {"Statement": {"Effect": "Allow", "Action": "Kinesis:Get*",
                               "Resource": "arn:aws:kinesis:*:123456789012:stream/T?st"}}""", false);

        assertThatCode(() -> authorizer.authorize("u", List.of(policy), null, "GetRecords", TEST_STREAM))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> authorizer.authorize("u", List.of(policy), null, "PutRecord", TEST_STREAM))
                .isInstanceOf(KinesisException.class);
        assertThatThrownBy(() -> authorizer.authorize("u", List.of(policy), null, "GetRecords",
                "arn:aws:kinesis:us-east-2:123456789012:stream/test"))
                .as("ARN matching is case-sensitive").isInstanceOf(KinesisException.class);
    }

    @Test
    void explicitDenyWinsOverAnyAllow() {
        Policy everything = Policy.parse("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}", false);
        Policy noDeletes = Policy.parse("{\"Statement\": {\"Effect\": \"Deny\", \"Action\": \"kinesis:Delete*\", \"Resource\": \"*\"}}", false);

        assertDenied(() -> authorizer.authorize("ops", List.of(everything, noDeletes), null, "DeleteStream", TEST_STREAM),
                "User: arn:aws:iam::123456789012:user/ops is not authorized to perform: kinesis:DeleteStream on "
                        + "resource: arn:aws:kinesis:us-east-2:123456789012:stream/Test with an explicit deny in an "
                        + "identity-based policy");
    }

    @Test
    void aResourcePolicyGrantsToTheUserItNames() {
        Policy streamPolicy = Policy.parse("""
                {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:user/reader"},
                                "Action": "kinesis:GetRecords", "Resource": "%s"}]}""".formatted(TEST_STREAM), true);

        assertThatCode(() -> authorizer.authorize("reader", List.of(), streamPolicy, "GetRecords", TEST_STREAM))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> authorizer.authorize("writer", List.of(), streamPolicy, "GetRecords", TEST_STREAM))
                .isInstanceOf(KinesisException.class);
    }

    @Test
    void aResourcePolicyDenyOverridesAnIdentityAllow() {
        Policy everything = Policy.parse("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}", false);
        Policy streamPolicy = Policy.parse("""
                {"Statement": {"Effect": "Deny", "Principal": "*", "Action": "kinesis:PutRecord*", "Resource": "*"}}""", true);

        assertDenied(() -> authorizer.authorize("ops", List.of(everything), streamPolicy, "PutRecords", TEST_STREAM),
                "User: arn:aws:iam::123456789012:user/ops is not authorized to perform: kinesis:PutRecords on "
                        + "resource: arn:aws:kinesis:us-east-2:123456789012:stream/Test with an explicit deny in a "
                        + "resource-based policy");
    }

    @Test
    void notActionAllowsEverythingButTheNamedActions() {
        Policy policy = Policy.parse("""
                {"Statement": {"Effect": "Allow", "NotAction": "kinesis:DeleteStream", "Resource": "*"}}""", false);

        assertThatCode(() -> authorizer.authorize("u", List.of(policy), null, "PutRecord", TEST_STREAM)).doesNotThrowAnyException();
        assertThatThrownBy(() -> authorizer.authorize("u", List.of(policy), null, "DeleteStream", TEST_STREAM))
                .isInstanceOf(KinesisException.class);
    }

    @Test
    void rejectsPoliciesItCannotEnforce() {
        assertThatThrownBy(() -> Policy.parse("""
                {"Statement": {"Sid": "IpOnly", "Effect": "Allow", "Action": "*", "Resource": "*",
                               "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}}""", false))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("The statement 'IpOnly' has a Condition, which Sluice does not evaluate; remove it or "
                        + "express the rule with Action and Resource");
        assertThatThrownBy(() -> Policy.parse("{\"Statement\": [{\"Effect\": \"Permit\", \"Action\": \"*\", \"Resource\": \"*\"}]}", false))
                .hasMessage("The statement 1 has Effect 'Permit'; use Allow or Deny");
        assertThatThrownBy(() -> Policy.parse("{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\"}]}", false))
                .hasMessage("The statement 1 has no Resource");
        assertThatThrownBy(() -> Policy.parse("{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}", true))
                .hasMessage("The statement 1 of a resource policy needs a Principal");
        assertThatThrownBy(() -> Policy.parse("not json", false))
                .hasMessageStartingWith("The policy is not valid JSON: ");
    }

    private static void assertDenied(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(KinesisException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.ACCESS_DENIED);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
