package io.sluice.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.EngineConfig;
import io.sluice.core.StreamEngine;
import io.sluice.server.wire.ApiException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policies as the engine stores them, read back for every request. */
class StoredResourcePoliciesTest {

    private static final String STREAM = "arn:aws:kinesis:us-east-1:000000000000:stream/Test";

    @TempDir
    Path dataDir;

    private StreamEngine engine;
    private StoredResourcePolicies policies;
    private final Authorizer authorizer = new Authorizer("000000000000");
    private final Policy everything = Policy.parse(
            "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"kinesis:*\", \"Resource\": \"*\"}}", false);

    @BeforeEach
    void open() throws Exception {
        engine = StreamEngine.open(EngineConfig.defaults(dataDir));
        engine.createStream("Test", 1, null, Map.of());
        policies = new StoredResourcePolicies(engine);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void aResourceWithoutAPolicyOrThatDoesNotExistHasNone() {
        assertThat(policies.apply(STREAM)).isNull();
        assertThat(policies.apply(STREAM + "/consumer/nobody:1")).isNull();
        assertThat(policies.apply("arn:aws:kinesis:us-east-1:000000000000:stream/Missing")).isNull();
        assertThat(policies.apply("*")).isNull();
    }

    @Test
    void aStoredPolicyTodaysRulesRefuseDeniesAllButRepairingIt() {
        // Stored by a version that ignored lower-case "condition": the engine keeps policies verbatim.
        engine.putResourcePolicy(STREAM, """
                {"Statement": {"Effect": "Allow", "Principal": "*", "Action": "kinesis:*", "Resource": "*",
                               "condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}}""");
        List<Policy> attached = List.of(policies.apply(STREAM));

        assertThatThrownBy(() -> authorizer.authorize("admin", List.of(everything), attached, "PutRecord", STREAM))
                .isInstanceOf(ApiException.class)
                .hasMessage("User: arn:aws:iam::000000000000:user/admin is not authorized to perform:"
                        + " kinesis:PutRecord "
                        + "on resource: " + STREAM + " with an explicit deny in a resource-based policy");
        for (String repair : List.of("PutResourcePolicy", "GetResourcePolicy", "DeleteResourcePolicy")) {
            assertThatCode(() -> authorizer.authorize("admin", List.of(everything), attached, repair, STREAM))
                    .doesNotThrowAnyException();
        }
    }
}
