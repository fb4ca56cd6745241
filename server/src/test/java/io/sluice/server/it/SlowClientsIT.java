package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.server.testing.SluiceServerExtension;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Hardening #13.4, connections: a request must arrive whole within --request-timeout-ms of its first byte (here
 * 1 s), so a client trickling its headers or body loses its connection (an HTTP/2 client its stream), while an idle
 * keep-alive connection keeps it; a reply must be taken within the same time, or the connection is closed and the
 * reply let go; beyond --max-connections (here 5) a new connection is closed at once.
 */
class SlowClientsIT {

    private static SluiceServerExtension server;
    private static URI endpoint;

    @BeforeAll
    static void start() {
        server = SluiceServerExtension.builder()
                .configure(config -> config.withConnections(5, 1_000).withLimits(false)).start();
        endpoint = server.server().endpoint();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aClientTricklingItsHeadersIsCutOff() throws Exception {
        try (Socket socket = RawHttp1.connect(endpoint)) {
            socket.setSoTimeout(300); // each look for the close waits at most this long
            OutputStream out = socket.getOutputStream();
            out.write("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            boolean cutOff = false;
            for (int i = 0; i < 40 && !cutOff; i++) { // a byte every 0.5 s: 20 s if never cut off
                try {
                    out.write('a');
                    out.flush();
                    Thread.sleep(200);
                } catch (java.io.IOException reset) {
                    cutOff = true;
                }
                cutOff |= RawHttp1.closedByServer(socket);
            }
            assertThat(cutOff).as("the server closed the trickling connection").isTrue();
        }
    }

    @Test
    void aClientTricklingItsBodyIsCutOff() throws Exception {
        try (Socket socket = RawHttp1.connect(endpoint)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(RawHttp1.head("ListStreams", "application/x-amz-json-1.1", 1000,
                    RawHttp1.SIGNED));
            socket.getOutputStream().flush();
            assertThat(socket.getInputStream().read()).as("closed without an answer, the body never came whole")
                    .isEqualTo(-1);
        }
    }

    @Test
    void anHttp2StreamWhoseBodyNeverComesIsResetWhileItsConnectionServesOthers() throws Exception {
        try (RawHttp2 h2 = RawHttp2.connect(endpoint)) {
            h2.requestHeaders(1, "ListStreams", 1000); // a body announced, never sent

            assertThat(h2.nextOn(1).type()).as("the stalled stream is reset").isEqualTo(RawHttp2.RST_STREAM);

            h2.requestHeaders(3, "ListStreams", 2);
            h2.lastData(3, "{}");
            RawHttp2.Frame answer = h2.nextOn(3);
            assertThat(answer.type()).isEqualTo(RawHttp2.HEADERS);
            assertThat(h2.status(answer)).as("the connection still serves").isEqualTo("200");
        }
    }

    @Test
    void aClientThatDoesNotTakeItsReplyIsCutOffAndTheReplyIsNotKept() throws Exception {
        String iterator = writeTenMebibytes("NotTaken");
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096); // with the server's send buffer, far less than the ~13 MiB reply
            socket.connect(new java.net.InetSocketAddress(endpoint.getHost(), endpoint.getPort()));
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(RawHttp1.jsonRequest("GetRecords",
                    "{\"ShardIterator\":\"" + iterator + "\"}"));
            socket.getOutputStream().flush();
            Thread.sleep(3_000); // past the reply timeout, reading nothing

            assertThatThrownBy(() -> RawHttp1.read(socket.getInputStream()))
                    .as("the server gave up on the reply it could not deliver").isInstanceOf(java.io.IOException.class);
        }
        try (Socket socket = RawHttp1.connect(endpoint)) {
            socket.setSoTimeout(30_000);
            exchange(socket);
        }
    }

    /** Ten 1 MiB records in a new stream; the iterator at its start. Limits are off on this server. */
    private static String writeTenMebibytes(String stream) {
        try (KinesisClient kinesis = KinesisClients.SYNC_JSON.create(endpoint)) {
            kinesis.createStream(b -> b.streamName(stream).shardCount(1));
            kinesis.waiter().waitUntilStreamExists(b -> b.streamName(stream));
            SdkBytes mebibyte = SdkBytes.fromByteArray(new byte[1024 * 1024 - 1]);
            for (int i = 0; i < 10; i++) {
                kinesis.putRecord(b -> b.streamName(stream).partitionKey("k").data(mebibyte));
            }
            return kinesis.getShardIterator(b -> b.streamName(stream).shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsKeptAndServed() throws Exception {
        try (Socket socket = RawHttp1.connect(endpoint)) {
            socket.setSoTimeout(30_000);
            exchange(socket);
            Thread.sleep(2_500); // past the request deadline, with no request under way
            exchange(socket);
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAtOnce() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                Socket socket = RawHttp1.connect(endpoint);
                socket.setSoTimeout(30_000);
                exchange(socket); // surely counted by the server before the next one connects
                held.add(socket);
            }
            try (Socket extra = RawHttp1.connect(endpoint)) {
                extra.setSoTimeout(30_000);
                assertThat(extra.getInputStream().read()).as("the sixth connection is closed").isEqualTo(-1);
            }
            held.remove(0).close();
            Socket again = awaitAccepted();
            held.add(again);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    /** After a connection closes the server counts it out on its event loop: try until one is served. */
    private static Socket awaitAccepted() throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            Socket socket = RawHttp1.connect(endpoint);
            socket.setSoTimeout(30_000);
            try {
                exchange(socket);
                return socket;
            } catch (AssertionError | java.io.IOException refused) {
                socket.close();
                Thread.sleep(100);
            }
        }
        throw new AssertionError("no connection was accepted again after one closed");
    }

    private static void exchange(Socket socket) throws Exception {
        socket.getOutputStream().write(RawHttp1.jsonRequest("ListStreams", "{}"));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        RawHttp1.Response response = RawHttp1.read(in);
        assertThat(response.status()).isEqualTo(200);
    }
}
