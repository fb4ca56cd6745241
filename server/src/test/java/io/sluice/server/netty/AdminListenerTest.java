package io.sluice.server.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.server.admin.AdminResponse;
import io.sluice.server.admin.AdminRoutes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The admin listener on a real loopback socket, spoken to byte by byte: pages over kept connections, HEAD without a
 * body, an answer for every request (405, 500, and 414, 431, 413 for what is over its bound), and the bounds a hostile
 * client meets on connections, slow requests and idle connections.
 */
class AdminListenerTest {

    private static final int READ_BOUND_MS = 10_000;
    private static final long DEFAULT_IDLE_MS = 60_000;

    private final AdminRoutes routes = new AdminRoutes()
            .route("/page", () -> new AdminResponse(200, "text/plain; charset=utf-8",
                    "a page\n".getBytes(StandardCharsets.UTF_8)))
            .route("/broken", () -> {
                throw new IllegalStateException("broken on purpose");
            })
            .mount("/echo", request -> AdminResponse.text(200, request.method() + " " + request.uri() + " "
                    + new String(request.body(), StandardCharsets.UTF_8)));
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    @Test
    void servesPagesOneAfterAnotherOnAKeptConnection() throws Exception {
        Socket socket = connect(listen(10_000, DEFAULT_IDLE_MS, 64));

        send(socket, "GET /page HTTP/1.1\r\nHost: x\r\n\r\n");
        Response first = read(socket);
        send(socket, "GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n");
        Response second = read(socket);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("a page\n");
        assertThat(first.head()).contains("content-length: 7\r\n", "x-content-type-options: nosniff\r\n",
                "cache-control: no-store\r\n");
        assertThat(second.status()).isEqualTo(404);
    }

    @Test
    void answersHeadWithTheLengthOfTheBodyItDoesNotSend() throws Exception {
        Socket socket = connect(listen(10_000, DEFAULT_IDLE_MS, 64));

        send(socket, "HEAD /page HTTP/1.1\r\nHost: x\r\n\r\n");
        String head = readHead(socket.getInputStream());
        send(socket, "GET /page HTTP/1.1\r\nHost: x\r\n\r\n");
        Response next = read(socket);

        assertThat(head).startsWith("HTTP/1.1 200 OK\r\n").contains("content-length: 7\r\n");
        assertThat(next.body()).as("the next answer starts right after the HEAD's headers").isEqualTo("a page\n");
    }

    @Test
    void answersAnotherMethod405AndAFailingPage500() throws Exception {
        Socket socket = connect(listen(10_000, DEFAULT_IDLE_MS, 64));

        send(socket, "DELETE /page HTTP/1.1\r\nHost: x\r\n\r\n");
        Response refused = read(socket);
        send(socket, "GET /broken HTTP/1.1\r\nHost: x\r\n\r\n");
        Response broken = read(socket);

        assertThat(refused.status()).isEqualTo(405);
        assertThat(refused.head()).contains("allow: get, head\r\n");
        assertThat(broken.status()).isEqualTo(500);
        assertThat(broken.body()).isEqualTo("Internal error; the server's log says more.\n");
    }

    @Test
    void answersARequestLineOverItsBound414AndCloses() throws Exception {
        Socket socket = connect(listen(10_000, DEFAULT_IDLE_MS, 64));

        send(socket, "GET /" + "a".repeat(4096) + " HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(readToEnd(socket)).startsWith("HTTP/1.1 414 Request-URI Too Long\r\n")
                .endsWith("The request line is longer than 4096 bytes.\n");
    }

    @Test
    void answersHeadersOverTheirBound431AndCloses() throws Exception {
        Socket socket = connect(listen(10_000, DEFAULT_IDLE_MS, 64));

        send(socket, "GET /page HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(8192) + "\r\n\r\n");

        assertThat(readToEnd(socket)).startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n")
                .endsWith("The request headers are larger than 8192 bytes.\n");
    }

    @Test
    void handsAMountedPathAnyMethodWithItsBody() throws Exception {
        Socket socket = connect(listen(10_000, DEFAULT_IDLE_MS, 64));

        send(socket, "POST /echo/a?b=c HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
        Response echoed = read(socket);

        assertThat(echoed.status()).isEqualTo(200);
        assertThat(echoed.body()).isEqualTo("POST /echo/a?b=c hello");
    }

    @Test
    void answersPipelinedRequestsInTheirOrder() throws Exception {
        Socket socket = connect(listen(10_000, DEFAULT_IDLE_MS, 64));
        send(socket, pipelined(16));

        for (int i = 0; i < 16; i++) {
            assertThat(read(socket).body()).isEqualTo("POST /echo " + i);
        }
    }

    @Test
    void closesAConnectionPipeliningMoreThanItMayHaveWaiting() throws Exception {
        Socket socket = connect(listen(10_000, DEFAULT_IDLE_MS, 64));
        send(socket, pipelined(100));

        assertThat(readToEnd(socket).split("HTTP/1.1 200 ", -1).length - 1).isLessThan(100);
    }

    private static String pipelined(int requests) {
        StringBuilder pipelined = new StringBuilder();
        for (int i = 0; i < requests; i++) {
            pipelined.append("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: ").append(Integer.toString(i).length())
                    .append("\r\n\r\n").append(i);
        }
        return pipelined.toString();
    }

    @Test
    void answersABodyOverItsBound413() throws Exception {
        Socket socket = connect(listen(10_000, DEFAULT_IDLE_MS, 64));

        send(socket, "POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 1048577\r\n\r\n");

        assertThat(readToEnd(socket)).startsWith("HTTP/1.1 413 Request Entity Too Large\r\n");
    }

    @Test
    void closesAConnectionBeyondItsLimitAtOnce() throws Exception {
        AdminListener listener = listen(10_000, DEFAULT_IDLE_MS, 2);
        for (Socket held : List.of(connect(listener), connect(listener))) { // answered: both counted before the third
            send(held, "GET /page HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(read(held).status()).isEqualTo(200);
        }

        Socket third = connect(listener);

        assertThat(third.getInputStream().read()).as("closed before a byte is read").isEqualTo(-1);
    }

    @Test
    void closesARequestThatDoesNotArriveWholeInTime() throws Exception {
        Socket socket = connect(listen(200, DEFAULT_IDLE_MS, 64));

        send(socket, "GET /page HTTP/1.1\r\nHost:");

        assertThat(socket.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
    }

    @Test
    void closesAnIdleConnection() throws Exception {
        Socket socket = connect(listen(10_000, 200, 64));
        send(socket, "GET /page HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(read(socket).status()).isEqualTo(200);

        assertThat(socket.getInputStream().read()).as("closed once idle").isEqualTo(-1);
    }

    @Test
    void namesTheAddressItCannotBind() throws Exception {
        int taken = listen(10_000, DEFAULT_IDLE_MS, 64).address().getPort();

        assertThatThrownBy(() -> new AdminListener("127.0.0.1", taken, routes, 10_000))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot listen for admin requests on 127.0.0.1:" + taken + ": Address already in use");
    }

    private AdminListener listen(long requestTimeoutMs, long idleTimeoutMs, int maxConnections) throws InterruptedException {
        AdminListener listener = new AdminListener("127.0.0.1", 0, routes, requestTimeoutMs, idleTimeoutMs, maxConnections);
        opened.add(listener);
        return listener;
    }

    private Socket connect(AdminListener listener) throws IOException {
        Socket socket = new Socket("127.0.0.1", listener.address().getPort());
        socket.setSoTimeout(READ_BOUND_MS);
        opened.add(socket);
        return socket;
    }

    private static void send(Socket socket, String request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** {@code head} lower-cased: header names are case-insensitive. */
    private record Response(int status, String head, String body) {
    }

    /** One response: its head, then as many body bytes as its Content-Length says. */
    private static Response read(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        String head = readHead(in).toLowerCase(Locale.ROOT);
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Response(Integer.parseInt(head.substring(9, 12)), head, body);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed within the headers: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String readToEnd(Socket socket) throws IOException {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}
