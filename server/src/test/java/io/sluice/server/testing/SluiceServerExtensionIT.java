package io.sluice.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The kit's server answers the Kinesis protocol on loopback, in plain HTTP or, built with {@code tls()}, HTTPS. */
class SluiceServerExtensionIT {

    @RegisterExtension
    static final SluiceServerExtension SLUICE = SluiceServerExtension.builder().limitsOff().build();

    @RegisterExtension
    static final SluiceServerExtension SLUICE_TLS = SluiceServerExtension.builder().limitsOff().tls().build();

    @Test
    void servesKinesisOnALoopbackPort() throws Exception {
        HttpResponse<String> response = listStreams(HttpClient.newHttpClient(), SLUICE.endpoint());

        assertThat(SLUICE.endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"StreamNames\":[],\"HasMoreStreams\":false,\"StreamSummaries\":[]}");
    }

    @Test
    void servesKinesisOverTlsWithACertificateTheClientCanTrust() throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, SLUICE_TLS.certificate().trustManagers(), null);

        HttpResponse<String> response = listStreams(HttpClient.newBuilder().sslContext(tls).build(),
                SLUICE_TLS.endpoint());

        assertThat(SLUICE_TLS.endpoint().getScheme()).isEqualTo("https");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"StreamNames\":[],\"HasMoreStreams\":false,\"StreamSummaries\":[]}");
    }

    private static HttpResponse<String> listStreams(HttpClient http, URI endpoint) throws Exception {
        return http.send(HttpRequest.newBuilder(endpoint)
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .header("X-Amz-Target", "Kinesis_20131202.ListStreams")
                        .header("X-Amz-Date", "20261125T000000Z")
                        .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDKIT/20261125/us-east-1/kinesis/"
                                + "aws4_request, SignedHeaders=host;x-amz-date, Signature=00")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
