package io.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The kit's server answers the Kinesis protocol on loopback. */
class SluiceServerExtensionIT {

    @RegisterExtension
    static final SluiceServerExtension SLUICE = SluiceServerExtension.builder().limitsOff().build();

    @Test
    void servesKinesisOnALoopbackPort() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(SLUICE.endpoint())
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .header("X-Amz-Target", "Kinesis_20131202.ListStreams")
                        .header("X-Amz-Date", "20261125T000000Z")
                        .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDKIT/20261125/us-east-1/kinesis/"
                                + "aws4_request, SignedHeaders=host;x-amz-date, Signature=00")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(SLUICE.endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"StreamNames\":[],\"HasMoreStreams\":false,\"StreamSummaries\":[]}");
    }
}
