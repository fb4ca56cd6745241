package io.sluice.console.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.server.ServerConfig.AuthMode;
import io.sluice.server.testing.SluiceServerExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The console's JSON endpoints spoken to directly, as an attacker would: logins unsigned, replayed, scoped to another
 * region; calls without a session, without the CSRF token, from another origin; bodies too large, too deep, SQL too
 * long; actions the console does not run; paths that try to leave the assets. Each gets its exact answer.
 */
class ConsoleApiIT {

    @RegisterExtension
    static final SluiceServerExtension SLUICE = SluiceServerExtension.builder()
            .configure(config -> config.withAdmin("127.0.0.1", 0).withAuth(AuthMode.SIGV4, Users.file())).build();

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static URI admin;

    @BeforeAll
    static void start() {
        admin = SLUICE.server().adminEndpoint().orElseThrow();
        try (KinesisClient kinesis = Traffic.client(SLUICE.endpoint(), Users.ADMIN_KEY, Users.ADMIN_SECRET)) {
            kinesis.createStream(r -> r.streamName("Visible").shardCount(1));
            kinesis.waiter().waitUntilStreamExists(r -> r.streamName("Visible"));
        }
    }

    @Test
    void aSignedLoginGivesASessionCookieOnceAndItsReplayIsRefused() throws Exception {
        SignedLogin signed = signedLogin(Users.ADMIN_KEY, Users.ADMIN_SECRET, "us-east-1");

        HttpResponse<String> first = post("/console/api/login", signed.headers(), signed.body());
        HttpResponse<String> replayed = post("/console/api/login", signed.headers(), signed.body());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).startsWith("{\"loggedIn\":true,\"user\":\"admin\",\"csrf\":\"");
        assertThat(first.headers().firstValue("set-cookie")).get().asString()
                .matches("sluice_console=[\\w-]{43}; Path=/console; HttpOnly; SameSite=Strict");
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(replayed.body()).isEqualTo("{\"error\":\"This login was used already; sign a new one.\"}");
    }

    @Test
    void loginsUnsignedOrScopedElsewhereGetTheKinesisPortsErrors() throws Exception {
        HttpResponse<String> unsigned = post("/console/api/login", Map.of(), "");
        SignedLogin elsewhere = signedLogin(Users.ADMIN_KEY, Users.ADMIN_SECRET, "eu-west-1");
        HttpResponse<String> otherRegion = post("/console/api/login", elsewhere.headers(), elsewhere.body());

        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.body()).isEqualTo(
                "{\"error\":\"Sign the login request with your access key (AWS Signature Version 4).\"}");
        assertThat(otherRegion.statusCode()).isEqualTo(401);
        assertThat(otherRegion.body()).isEqualTo("{\"error\":\"InvalidSignatureException: Credential should be "
                + "scoped to a valid region, not 'eu-west-1'. This server's region is 'us-east-1'.\"}");
    }

    @Test
    void everyCallButLoginNeedsASessionAndEveryChangeItsTokenFromThisOrigin() throws Exception {
        Session admin = logIn(Users.ADMIN_KEY, Users.ADMIN_SECRET);
        String create = "{\"StreamName\":\"FromTheApi\",\"ShardCount\":1}";

        assertThat(get("/console/api/streams", Map.of()).body())
                .isEqualTo("{\"error\":\"Log in first: the session is missing or has ended.\"}");
        assertThat(get("/console/api/streams", Map.of("Cookie", "sluice_console=forged")).statusCode()).isEqualTo(401);
        HttpResponse<String> noToken = post("/console/api/kinesis/CreateStream", Map.of("Cookie", admin.cookie()), create);
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.body()).isEqualTo("{\"error\":\"The request lacks this session's CSRF token "
                + "(X-CSRF-Token); reload the page.\"}");
        HttpResponse<String> elsewhere = post("/console/api/kinesis/CreateStream",
                Map.of("Cookie", admin.cookie(), "X-CSRF-Token", admin.csrf(), "Origin", "http://evil.example"), create);
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(elsewhere.body()).isEqualTo("{\"error\":\"Cross-origin requests are refused.\"}");

        HttpResponse<String> created = post("/console/api/kinesis/CreateStream", admin.headers(), create);
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(get("/console/api/streams", Map.of("Cookie", admin.cookie())).body()).contains("\"FromTheApi\"");
    }

    @Test
    void theConsoleRunsOnlyItsActionsAndAnswersEachWithTheKinesisPortsError() throws Exception {
        Session admin = logIn(Users.ADMIN_KEY, Users.ADMIN_SECRET);
        Session reader = logIn(Users.READER_KEY, Users.READER_SECRET);

        HttpResponse<String> put = post("/console/api/kinesis/PutRecord", admin.headers(), "{}");
        assertThat(put.statusCode()).isEqualTo(404);
        assertThat(put.body()).isEqualTo("{\"error\":\"The console runs only CreateStream, DeleteStream, MergeShards, "
                + "SplitShard, UpdateShardCount.\"}");
        HttpResponse<String> missing = post("/console/api/kinesis/DeleteStream", admin.headers(),
                "{\"StreamName\":\"Nope\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("\"__type\":\"ResourceNotFoundException\"")
                .contains("Stream Nope under account 000000000000 not found.");
        HttpResponse<String> refused = post("/console/api/kinesis/DeleteStream", reader.headers(),
                "{\"StreamName\":\"Visible\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"__type\":\"AccessDeniedException\"");
        HttpResponse<String> notJson = post("/console/api/kinesis/CreateStream", admin.headers(), "{\"StreamName\":");
        assertThat(notJson.body()).contains("SerializationException");

        assertThat(get("/console/api/stream?name=Nope", Map.of("Cookie", admin.cookie())).body())
                .isEqualTo("{\"error\":\"Stream Nope under account 000000000000 not found.\"}");
        HttpResponse<String> tail = post("/console/api/tail", reader.headers(), "{\"stream\":\"FromTheApi\"}");
        assertThat(tail.statusCode()).isEqualTo(403);
        assertThat(tail.body()).isEqualTo("{\"error\":\"User reader is not authorized to perform kinesis:GetRecords "
                + "on stream FromTheApi.\"}");
        assertThat(post("/console/api/tail", reader.headers(), "{\"stream\":\"Visible\",\"after\":{}}").statusCode())
                .isEqualTo(200);
    }

    @Test
    void boundsHoldForBodiesSqlAndLines() throws Exception {
        Session admin = logIn(Users.ADMIN_KEY, Users.ADMIN_SECRET);

        HttpResponse<String> huge = post("/console/api/pump", admin.headers(), "x".repeat(1024 * 1024 + 1));
        assertThat(huge.statusCode()).isEqualTo(413);
        HttpResponse<String> deep = post("/console/api/pump", admin.headers(), "[".repeat(100_000));
        assertThat(deep.statusCode()).isEqualTo(400);
        assertThat(deep.body()).startsWith("{\"error\":\"The body is not JSON: Document nesting depth (17) exceeds");
        HttpResponse<String> longSql = post("/console/api/pump", admin.headers(),
                "{\"sql\":\"" + "-".repeat(100_001) + "\",\"input\":\"\"}");
        assertThat(longSql.body()).isEqualTo("{\"error\":\"The SQL is longer than 100000 characters.\"}");
        HttpResponse<String> manyLines = post("/console/api/pump", admin.headers(),
                "{\"sql\":\"\",\"input\":\"" + "{}\\n".repeat(1001) + "\"}");
        assertThat(manyLines.body()).isEqualTo("{\"error\":\"Paste at most 1000 lines.\"}");
        HttpResponse<String> badLimit = post("/console/api/pump", admin.headers(),
                "{\"sql\":\"\",\"stream\":\"Visible\",\"limit\":5000}");
        assertThat(badLimit.body()).isEqualTo("{\"error\":\"limit must be 1 to 1000.\"}");
        HttpResponse<String> noSql = post("/console/api/pump", admin.headers(), "{\"input\":\"{}\"}");
        assertThat(noSql.body()).isEqualTo("{\"error\":\"\\\"sql\\\" must be a string.\"}");
    }

    @Test
    void servesOnlyItsOwnAssetsWithAPolicyThatKeepsThePageToItself() throws Exception {
        HttpResponse<String> page = get("/console/", Map.of());
        assertThat(page.headers().firstValue("content-security-policy")).get().asString()
                .startsWith("default-src 'none'; script-src 'self'; ");
        assertThat(page.headers().firstValue("x-frame-options")).hasValue("DENY");
        assertThat(get("/console", Map.of()).headers().firstValue("location")).hasValue("/console/");
        assertThat(get("/console/assets/uPlot.iife.min.js", Map.of()).headers().firstValue("content-type"))
                .hasValue("text/javascript; charset=utf-8");
        assertThat(get("/console/assets/../../etc/passwd", Map.of()).statusCode()).isEqualTo(404);
        assertThat(get("/console/assets/%2e%2e/console.js", Map.of()).statusCode()).isEqualTo(404);
        assertThat(post("/console/assets/console.js", Map.of(), "").statusCode()).isEqualTo(405);
        assertThat(get("/console/api/login", Map.of()).statusCode()).isEqualTo(405);
        Session admin = logIn(Users.ADMIN_KEY, Users.ADMIN_SECRET);
        assertThat(post("/console/api/streams", admin.headers(), "").statusCode()).isEqualTo(405);
        assertThat(get("/console/api/tail", Map.of("Cookie", admin.cookie())).statusCode()).isEqualTo(405);
        assertThat(get("/console/api/nothing", Map.of("Cookie", admin.cookie())).body())
                .isEqualTo("{\"error\":\"No such console call.\"}");
    }

    private record Session(String cookie, String csrf) {
        Map<String, String> headers() {
            return Map.of("Cookie", cookie, "X-CSRF-Token", csrf);
        }
    }

    private static Session logIn(String key, String secret) throws Exception {
        SignedLogin signed = signedLogin(key, secret, "us-east-1");
        HttpResponse<String> login = post("/console/api/login", signed.headers(), signed.body());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String cookie = login.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
        String csrf = login.body().replaceAll(".*\"csrf\":\"([^\"]+)\".*", "$1");
        return new Session(cookie, csrf);
    }

    private record SignedLogin(Map<String, String> headers, String body) {
    }

    /** A login as the page sends it (a fresh nonce as its body), signed by the AWS SDK's own SigV4 signer. */
    private static SignedLogin signedLogin(String key, String secret, String region) {
        String body = "{\"nonce\":\"" + UUID.randomUUID() + "\"}";
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(key, secret))
                .request(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(admin.resolve("/console/api/login"))
                        .build())
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kinesis")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        Map<String, String> headers = new LinkedHashMap<>();
        signed.request().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("host")) { // the client sends the same Host itself
                headers.put(name, values.get(0));
            }
        });
        return new SignedLogin(headers, body);
    }

    private static HttpResponse<String> get(String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(admin.resolve(path)).GET();
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(admin.resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
