package io.sluice.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The policy parser refuses, naming the element, every part of a document Sluice would not enforce as written.
 * Each case is one statement element (or document element) spliced into an otherwise valid policy.
 */
class PolicyTest {

    private static final String STREAM = "arn:aws:kinesis:us-east-1:000000000000:stream/Test";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"true\"}} | The statement 1 has a Condition, which Sluice does not evaluate; remove it or express the rule with Action and Resource",
            "\"condition\": {}   | The statement 1 has a Condition ('condition'), which Sluice does not evaluate; remove it or express the rule with Action and Resource",
            "\"CONDITION\": {}   | The statement 1 has a Condition ('CONDITION'), which Sluice does not evaluate; remove it or express the rule with Action and Resource",
            "\"NotPrincipal\": {\"AWS\": \"*\"} | The statement 1 has a NotPrincipal, which Sluice does not evaluate; name the principals it applies to with Principal",
            "\"NotAction\": \"kinesis:Get*\" | The statement 1 has both Action and NotAction; use one of them",
            "\"NotResource\": \"*\" | The statement 1 has both Resource and NotResource; use one of them",
            "\"Principle\": \"*\" | The statement 1 has an unknown element 'Principle'; a statement has Sid, Effect, Principal, Action or NotAction, Resource or NotResource",
            "\"effect\": \"Deny\"  | The statement 1 has an unknown element 'effect'; element names are case-sensitive: did you mean 'Effect'?"})
    void refusesAStatementElementItDoesNotEnforce(String element, String message) {
        String policy = """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kinesis:DescribeStream",
                 "Resource": "%s", %s}]}""".formatted(STREAM, element);

        assertRefused(policy, false, message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"Version\": \"2020-01-01\", | The policy has Version \"2020-01-01\", which IAM does not know; use \"2012-10-17\" (or \"2008-10-17\")",
            "\"Version\": 2012, | The policy has Version 2012, which IAM does not know; use \"2012-10-17\" (or \"2008-10-17\")",
            "\"version\": \"2012-10-17\", | The policy has an unknown element 'version'; element names are case-sensitive: did you mean 'Version'?",
            "\"Owner\": \"me\", | The policy has an unknown element 'Owner'; a policy has Version, Id and Statement"})
    void refusesADocumentElementItDoesNotKnow(String element, String message) {
        String policy = """
                {%s "Statement": [{"Effect": "Allow", "Action": "kinesis:DescribeStream", "Resource": "%s"}]}"""
                .formatted(element, STREAM);

        assertRefused(policy, false, message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2012-10-17", "2008-10-17"})
    void acceptsBothIamVersions(String version) {
        Policy policy = Policy.parse("""
                {"Version": "%s", "Id": "p1", "Statement": {"Sid": "S", "Effect": "Allow", "Action": "*", "Resource": "*"}}"""
                .formatted(version), false);

        assertThat(policy.statements()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"Statement\": {\"Effect\": \"Deny\", \"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}} | The policy is not valid JSON: Duplicate field 'Effect' (line 1, column 42)",
            "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}} {} | The policy is not valid JSON: more text after the end of the document (line 1, column 68)",
            "[] | A policy must be a JSON object with a Statement",
            "{\"Version\": \"2012-10-17\", \"Statement\": []} | The policy has no Statement",
            "{\"Statement\": [\"Allow\"]} | The statement 1 is not a JSON object: \"Allow\"",
            "{\"Statement\": {\"Effect\": \"Permit\", \"Action\": \"*\", \"Resource\": \"*\"}} | The statement 1 has Effect 'Permit'; use Allow or Deny",
            "{\"Statement\": {\"Sid\": \"Reads\", \"Effect\": \"Allow\", \"Resource\": \"*\"}} | The statement 'Reads' has no Action",
            "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\"}} | The statement 1 has no Resource",
            "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": [], \"Resource\": \"*\"}} | The statement 1 has an empty Action",
            "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": [\"kinesis:Get*\", 7], \"Resource\": \"*\"}} | The statement 1 has a value in Action that is not a string: 7",
            "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"DescribeStream\", \"Resource\": \"*\"}} | The statement 1 has Action 'DescribeStream' without a service prefix; write 'kinesis:DescribeStream'",
            "{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"*\", \"Resource\": \"*\"}} | The statement 1 names a Principal; identity policies apply to their user",
            "not json | The policy is not valid JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') (line 1, column 1)"})
    void refusesAMalformedIdentityPolicy(String policy, String message) {
        assertRefused(policy, false, message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"*\"",
            "{\"AWS\": \"*\"}",
            "{\"AWS\": \"123456789012\"}",
            "{\"AWS\": \"arn:aws:iam::123456789012:root\"}",
            "{\"AWS\": [\"arn:aws:iam::123456789012:user/reader\", \"123456789012\"]}"})
    void acceptsEveryPrincipalFormSluiceEnforces(String principal) {
        Policy policy = Policy.parse(resourcePolicy(principal), true);

        assertThat(policy.statements()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "             | The statement 1 of a resource policy needs a Principal",
            "\"someone\"  | The statement 1 has Principal 'someone'; write \"*\" or {\"AWS\": ...}",
            "7            | The statement 1 has a Principal that is neither \"*\" nor {\"AWS\": ...}: 7",
            "{}           | The statement 1 has a Principal that is neither \"*\" nor {\"AWS\": ...}: {}",
            "{\"AWS\": []} | The statement 1 has an empty Principal.AWS",
            "{\"AWS\": [3]} | The statement 1 has a value in Principal.AWS that is not a string: 3",
            "{\"Service\": \"kinesis.amazonaws.com\"} | The statement 1 has a Principal of type 'Service'; Sluice's principals are its users: use {\"AWS\": ...} with a user ARN, an account or \"*\"",
            "{\"AWS\": \"arn:aws:iam::123456789012:user/*\"} | The statement 1 has Principal 'arn:aws:iam::123456789012:user/*' with a wildcard; IAM allows \"*\" only as the whole principal",
            "{\"AWS\": \"arn:aws:iam::*:root\"} | The statement 1 has Principal 'arn:aws:iam::*:root' with a wildcard; IAM allows \"*\" only as the whole principal",
            "{\"AWS\": \"arn:aws:iam::123456789012:role/app\"} | The statement 1 has Principal 'arn:aws:iam::123456789012:role/app', which is not \"*\", an account id, an account ARN (arn:aws:iam::<account>:root) or a user ARN (arn:aws:iam::<account>:user/<name>)",
            "{\"AWS\": \"12345\"} | The statement 1 has Principal '12345', which is not \"*\", an account id, an account ARN (arn:aws:iam::<account>:root) or a user ARN (arn:aws:iam::<account>:user/<name>)"})
    void refusesAPrincipalSluiceCannotMatch(String principal, String message) {
        String policy = principal == null
                ? "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}"
                : resourcePolicy(principal);

        assertRefused(policy, true, message);
    }

    private static String resourcePolicy(String principal) {
        return """
                {"Statement": {"Effect": "Allow", "Principal": %s, "Action": "kinesis:GetRecords", "Resource": "%s"}}"""
                .formatted(principal, STREAM);
    }

    private static void assertRefused(String policy, boolean resourcePolicy, String message) {
        assertThatThrownBy(() -> Policy.parse(policy, resourcePolicy))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage(message);
    }
}
