package io.sluice.quickstart.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class LiveEndpointsTest {

    private final LiveEndpoints live = LiveEndpoints.of(URI.create("http://127.0.0.1:40001"),
            URI.create("http://127.0.0.1:40002"));

    @Test
    void replacesTheDocumentedKinesisAndConnectEndpointsWhereverTheyAppear() {
        assertThat(live.substitute("aws kinesis list-streams --endpoint-url http://127.0.0.1:4567\n"
                + "curl localhost:8083/connectors -d '{\"kinesis.base.url\": \"http://localhost:4567\"}'\n"
                + "curl http://127.0.0.1:8083/connectors"))
                .isEqualTo("aws kinesis list-streams --endpoint-url http://127.0.0.1:40001\n"
                        + "curl 127.0.0.1:40002/connectors -d '{\"kinesis.base.url\": \"http://127.0.0.1:40001\"}'\n"
                        + "curl http://127.0.0.1:40002/connectors");
    }

    @Test
    void leavesOtherPortsAlone() {
        assertThat(live.substitute("bootstrap.servers=localhost:9092 http://127.0.0.1:45670"))
                .isEqualTo("bootstrap.servers=localhost:9092 http://127.0.0.1:45670");
    }
}
