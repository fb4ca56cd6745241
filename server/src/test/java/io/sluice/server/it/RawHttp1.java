package io.sluice.server.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what no well-behaved client sends: pipelined, trickled, huge or unsigned
 * requests, and clients that never read. One instance per test; not thread-safe.
 */
final class RawHttp1 {

    /** Authorization the server's {@code open} mode accepts: complete, not verified. */
    static final String SIGNED = "AWS4-HMAC-SHA256 Credential=AKIDRAW/20261125/us-east-1/kinesis/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=00";

    /** One response: status, headers (names lower-cased) and body. */
    record Response(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp1() {
    }

    static Socket connect(URI endpoint) {
        try {
            return new Socket(endpoint.getHost(), endpoint.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The head of a Kinesis POST; {@code authorization} null leaves the request unsigned. */
    static byte[] head(String action, String contentType, long contentLength, String authorization) {
        StringBuilder head = new StringBuilder("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n")
                .append("X-Amz-Target: Kinesis_20131202.").append(action).append("\r\n")
                .append("X-Amz-Date: 20261125T000000Z\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        head.append("Content-Length: ").append(contentLength).append("\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A whole signed JSON request. */
    static byte[] jsonRequest(String action, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] head = head(action, "application/x-amz-json-1.1", body.length, SIGNED);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    /** Reads one response with a Content-Length body; fails if the connection ends first. */
    static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before a whole response head");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new IOException("connection closed mid-body");
        }
        return new Response(status, headers, body);
    }

    /** Reads a response head: {@code :status} and the headers, names lower-cased. */
    static Map<String, String> readHead(InputStream in) throws IOException {
        String[] lines = readLine(in, "\r\n\r\n").split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":status", lines[0].split(" ")[1]);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        return headers;
    }

    /** Reads one chunk of a chunked body; empty for the last one. */
    static byte[] readChunk(InputStream in) throws IOException {
        int size = Integer.parseInt(readLine(in, "\r\n").trim(), 16);
        byte[] chunk = in.readNBytes(size);
        if (chunk.length < size || in.read() != '\r' || in.read() != '\n') {
            throw new IOException("connection closed mid-chunk");
        }
        return chunk;
    }

    /** The bytes up to {@code end} (not included), as ASCII. */
    private static String readLine(InputStream in, String end) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < end.length()) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed mid-line");
            }
            line.write(b);
            matched = b == end.charAt(matched) ? matched + 1 : (b == end.charAt(0) ? 1 : 0);
        }
        String text = line.toString(StandardCharsets.US_ASCII);
        return text.substring(0, text.length() - end.length());
    }

    /** True once the server has closed the connection: reading ends (or is reset) rather than blocking. */
    static boolean closedByServer(Socket socket) {
        try {
            return socket.getInputStream().read() < 0;
        } catch (IOException reset) {
            return !(reset instanceof SocketTimeoutException);
        }
    }
}
