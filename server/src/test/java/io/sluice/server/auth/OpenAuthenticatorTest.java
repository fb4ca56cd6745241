package io.sluice.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.server.wire.ApiException;
import io.sluice.server.wire.ErrorType;
import io.sluice.server.wire.KinesisRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mode open: any complete signature, whatever its values; incomplete or malformed ones as AWS refuses them. */
class OpenAuthenticatorTest {

    private static final URI ENDPOINT = URI.create("http://127.0.0.1:4567/");

    private final OpenAuthenticator authenticator = new OpenAuthenticator();

    @Test
    void acceptsACompleteSignatureForAnyRegionServiceTimeOrSecret() {
        TestSigner anyone = TestSigner.as("AKIDANYONE", "any-secret").region("eu-west-1").service("s3")
                .at(Instant.parse("2001-01-01T00:00:00Z"));

        assertThat(authenticator.authenticate(anyone.sign(ENDPOINT, "ListStreams", "{}").toRequest()))
                .isEqualTo(new Principal("AKIDANYONE", "AKIDANYONE"));
        assertThat(authenticator.authenticate(anyone.presigned(Duration.ofHours(1)).sign(ENDPOINT, "ListStreams", "{}")
                .toRequest()).accessKeyId()).isEqualTo("AKIDANYONE");
    }

    @Test
    void acceptsPlaceholderValuesThatSigV4WouldRefuse() {
        KinesisRequest request = new KinesisRequest("r", "POST", "/", Map.of(
                "x-amz-date", "whenever",
                "authorization", "AWS4-HMAC-SHA512 Credential=AKIDRAW/x, SignedHeaders=host, Signature=00"), new byte[0]);

        assertThat(authenticator.authenticate(request).accessKeyId()).isEqualTo("AKIDRAW");
    }

    @Test
    void stillRefusesAMalformedHeader() {
        KinesisRequest request = new KinesisRequest("r", "POST", "/", Map.of(
                "x-amz-date", "20261125T000000Z",
                "authorization", "AWS4-HMAC-SHA256 Credential=AKIDRAW/x, SignedHeaders=host, Signature=00, Signature=01"),
                new byte[0]);

        assertThatThrownBy(() -> authenticator.authenticate(request))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.INCOMPLETE_SIGNATURE);
                    assertThat(e.getMessage()).isEqualTo("Authorization header requires exactly one 'Signature' "
                            + "parameter. Authorization=AWS4-HMAC-SHA256 Credential=AKIDRAW/x, SignedHeaders=host, "
                            + "Signature=00, Signature=01");
                });
    }
}
