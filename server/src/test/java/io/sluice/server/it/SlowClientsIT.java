package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * Hardening #13.4, connections: a request must arrive whole within --request-timeout-ms of its first byte (here
 * 1 s), so a client trickling its headers or body loses its connection, while an idle keep-alive connection keeps
 * it; beyond --max-connections (here 5) a new connection is closed at once.
 */
class SlowClientsIT {

    private static ServerRule server;
    private static URI endpoint;

    @BeforeAll
    static void start() {
        server = new ServerRule(config -> config.withConnections(5, 1_000));
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
