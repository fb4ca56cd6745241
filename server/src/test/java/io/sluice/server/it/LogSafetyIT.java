package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.server.protocol.RequestProcessor;
import io.sluice.server.testing.SluiceServerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Hardening #13.9: what a client sends cannot forge or flood the server's log, and its credentials never reach it.
 * The server's own log lines are captured as the server formats them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LogSafetyIT {

    private static final String SIGNATURE = "5ec2e7a11b1dd00d5ec2e7a11b1dd00d5ec2e7a11b1dd00d5ec2e7a11b1dd00d";

    private static final List<String> lines = new CopyOnWriteArrayList<>();
    private static AbstractAppender capture;
    private static SluiceServerExtension server;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        capture = new AbstractAppender("captured", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getMessage().getFormattedMessage()
                        + (event.getThrown() == null ? "" : " " + event.getThrown()));
            }
        };
        capture.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().addAppender(capture, Level.ALL, null);
        context.updateLoggers();
        Configurator.setLevel(RequestProcessor.class.getName(), Level.INFO);
        server = SluiceServerExtension.builder().start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        server.close();
        Configurator.setLevel(RequestProcessor.class.getName(), Level.WARN);
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender("captured");
        context.updateLoggers();
        capture.stop();
    }

    @Test
    @Order(1) // before the flood has used up this second's log lines
    void clientTextIsEscapedAndCredentialsAreNeverLogged() throws Exception {
        String forged = "Test\r\n2026-12-04T00:00:00 INFO RequestProcessor - forged line";
        int status = post("DescribeStreamSummary", "{\"StreamName\":\"" + forged.replace("\r", "\\r").replace("\n", "\\n")
                + "\"}");
        assertThat(status).isEqualTo(400);

        List<String> refusals = lines.stream().filter(l -> l.contains("ValidationException")).toList();
        assertThat(refusals).as("the refusal is logged").hasSize(1);
        assertThat(refusals).allSatisfy(line -> assertThat(line).doesNotContain("\n").doesNotContain("\r"));
        assertThat(String.join("\n", refusals)).contains("Test\\r\\n2026-12-04T00:00:00 INFO");
        assertThat(lines).noneMatch(line -> line.contains(SIGNATURE) || line.contains("AKIDLOGSAFETY"));
    }

    @Test
    @Order(2)
    void aFloodOfBadRequestsIsLoggedAtMostAHundredLinesASecond() throws Exception {
        lines.clear();
        long started = System.nanoTime();
        for (int i = 0; i < 600; i++) {
            post("DescribeStreamSummary", "{\"StreamName\":\"no such stream " + i + "\"}");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long logged = lines.stream().filter(l -> l.contains("ValidationException")).count();
        assertThat(logged).as("600 refusals in %.1f s", seconds)
                .isGreaterThan(0).isLessThanOrEqualTo(100L * ((long) Math.ceil(seconds) + 1));
    }

    private static int post(String action, String body) throws Exception {
        URI endpoint = server.server().endpoint();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "Kinesis_20131202." + action)
                .header("X-Amz-Date", "20261204T000000Z")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDLOGSAFETY/20261204/us-east-1/kinesis/"
                        + "aws4_request, SignedHeaders=host;x-amz-date, Signature=" + SIGNATURE)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }
}
