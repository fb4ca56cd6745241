package io.sluice.bench.soak;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * What an attacker sends a Kinesis endpoint, one request or connection per call; each answers the HTTP status it
 * got, 0 when the server closed the connection instead (a fair answer to bytes it refuses), or -1 when no answer
 * came within 30 s — the one outcome a server must never give. The kinds are those hardening #13 found or asked
 * for: hostile bodies that pass authentication, forged signatures, garbage, connections that never finish or never
 * read. Thread-safe.
 */
final class HostileRequests {

    /** One kind of hostile input: its name and one attempt. */
    record Kind(String name, Attempt attempt) {
    }

    @FunctionalInterface
    interface Attempt {
        int run() throws IOException;
    }

    private static final int MEGABYTE = 1 << 20;

    private final URI endpoint;
    private final SignedRequests signed;
    private final Random random;

    HostileRequests(URI endpoint, SignedRequests signed, long seed) {
        this.endpoint = endpoint;
        this.signed = signed;
        this.random = new Random(seed);
    }

    List<Kind> kinds() {
        return List.of(
                new Kind("huge_arn", this::hugeArn),
                new Kind("deep_json", this::deepJson),
                new Kind("cbor_empty_maps", this::cborEmptyMaps),
                new Kind("many_elements", this::manyElements),
                new Kind("forged_secret", this::forgedSecret),
                new Kind("other_service", this::otherService),
                new Kind("garbage_bytes", this::garbage),
                new Kind("never_reads", this::neverReads),
                new Kind("slow_headers", this::slowHeaders),
                new Kind("connection_churn", this::connectionChurn));
    }

    /** DescribeStreamSummary whose StreamARN repeats ":kinesis:" 100 000 times (signed). */
    private int hugeArn() {
        String arn = "arn:aws" + ":kinesis:".repeat(100_000) + "x";
        return signed.send("DescribeStreamSummary", SignedRequests.JSON, utf8("{\"StreamARN\":\"" + arn + "\"}"));
    }

    /** A JSON body nested 200 000 arrays deep (signed). */
    private int deepJson() {
        int depth = 200_000;
        return signed.send("PutRecord", SignedRequests.JSON,
                utf8("{\"StreamName\":" + "[".repeat(depth) + "]".repeat(depth) + "}"));
    }

    /** 10 MB of CBOR empty maps without any Authorization: ten million elements if parsed. */
    private int cborEmptyMaps() {
        byte[] body = new byte[10 * MEGABYTE - 1024];
        Arrays.fill(body, (byte) 0xa0);
        body[0] = (byte) 0x9f; // an indefinite-length array of them
        return signed.sendUnsigned("PutRecords", SignedRequests.CBOR, body);
    }

    /** A signed JSON array of a million small numbers where Kinesis takes at most 500 records. */
    private int manyElements() {
        StringBuilder body = new StringBuilder("{\"StreamName\":\"Soak\",\"Records\":[");
        for (int i = 0; i < 1_000_000; i++) {
            body.append(i == 0 ? "" : ",").append('1');
        }
        return signed.send("PutRecords", SignedRequests.JSON, utf8(body.append("]}").toString()));
    }

    /** A well-formed request signed with the right key id and a wrong secret. */
    private int forgedSecret() {
        AwsCredentialsIdentity forged = AwsCredentialsIdentity.create(signed.credentials().accessKeyId(), "guessed");
        return signed.send("ListStreams", SignedRequests.JSON, utf8("{}"), "kinesis", forged);
    }

    /** A request correctly signed, but for another service (S3). */
    private int otherService() {
        return signed.send("ListStreams", SignedRequests.JSON, utf8("{}"), "s3", signed.credentials());
    }

    /** Random bytes where an HTTP request should be. */
    private int garbage() throws IOException {
        byte[] bytes = new byte[8 * 1024 + random.nextInt(56 * 1024)]; // long enough to hold a line end
        random.nextBytes(bytes);
        try (Socket socket = connect()) {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return readStatus(socket.getInputStream());
        } catch (IOException closed) {
            return 0;
        }
    }

    /** 500 pipelined requests on one connection whose replies are never read, then gone after 5 s. */
    private int neverReads() throws IOException {
        byte[] request = utf8("POST / HTTP/1.1\r\nHost: " + endpoint.getAuthority() + "\r\nContent-Type: "
                + SignedRequests.JSON + "\r\nX-Amz-Target: Kinesis_20131202.DescribeLimits\r\nContent-Length: 2\r\n\r\n{}");
        try (Socket socket = connect()) {
            socket.setSendBufferSize(4096);
            OutputStream out = socket.getOutputStream();
            long until = System.nanoTime() + 5_000_000_000L;
            for (int i = 0; i < 500 && System.nanoTime() < until; i++) {
                out.write(request);
            }
            out.flush();
            sleep(5_000);
        } catch (IOException cutOff) {
            // the server stopped reading or closed: either way it did not buffer for us
        }
        return 0;
    }

    /** Request headers trickled one byte a second: answered or cut off once the server's patience ends (≤ 30 s). */
    private int slowHeaders() throws IOException {
        byte[] head = utf8("POST / HTTP/1.1\r\nHost: " + endpoint.getAuthority() + "\r\nX-Slow: ");
        try (Socket socket = connect()) {
            socket.getOutputStream().write(head);
            for (int i = 0; i < 30; i++) {
                socket.getOutputStream().write('a');
                socket.getOutputStream().flush();
                if (socket.getInputStream().available() > 0) {
                    return readStatus(socket.getInputStream());
                }
                sleep(1_000);
            }
            socket.getOutputStream().write(utf8("\r\nContent-Length: 0\r\n\r\n"));
            return readStatus(socket.getInputStream());
        } catch (IOException cutOff) {
            return 0;
        }
    }

    /** A hundred connections opened and dropped at once. */
    private int connectionChurn() throws IOException {
        for (int i = 0; i < 100; i++) {
            try (Socket socket = connect()) {
                socket.setSoLinger(true, 0); // a reset, not a polite close
            }
        }
        return 0;
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 10_000);
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** The status of the HTTP response the socket receives, 0 if the server closed it, -1 if nothing came. */
    private static int readStatus(InputStream in) throws IOException {
        byte[] line = new byte[12];
        int read = 0;
        try {
            while (read < line.length) {
                int n = in.read(line, read, line.length - read);
                if (n < 0) {
                    return 0;
                }
                read += n;
            }
        } catch (java.net.SocketTimeoutException silence) {
            return -1;
        }
        String text = new String(line, StandardCharsets.US_ASCII);
        return text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : 0;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
