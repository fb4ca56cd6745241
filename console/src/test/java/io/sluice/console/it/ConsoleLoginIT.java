package io.sluice.console.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.server.ServerConfig.AuthMode;
import io.sluice.server.testing.SluiceServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The console of a server that checks signatures ({@code --auth sigv4}), in a real browser: a login signed in the
 * page with the user's key pair (wrong secrets and unknown keys get the Kinesis port's errors), a user who sees only
 * the streams their policy lets them describe and whose change their policy refuses, and a logout.
 */
class ConsoleLoginIT {

    @RegisterExtension
    static final SluiceServerExtension SLUICE = SluiceServerExtension.builder()
            .configure(config -> config.withAdmin("127.0.0.1", 0).withAuth(AuthMode.SIGV4, Users.file())).build();

    private static Browser browser;
    private static String console;

    @BeforeAll
    static void start() {
        try (KinesisClient admin = Traffic.client(SLUICE.endpoint(), Users.ADMIN_KEY, Users.ADMIN_SECRET)) {
            for (String stream : new String[] {"Visible", "Hidden"}) {
                admin.createStream(r -> r.streamName(stream).shardCount(1));
                admin.waiter().waitUntilStreamExists(r -> r.streamName(stream));
            }
        }
        browser = new Browser();
        console = SLUICE.server().adminEndpoint().orElseThrow() + "/console/";
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void loggedOut() {
        browser.forgetSessions();
    }

    @Test
    void aUserLogsInWithTheirKeyPairAndSeesAndDoesOnlyWhatTheirPolicyAllows() {
        browser.open(console);
        logIn(Users.READER_KEY, "not-the-secret");
        assertThat(browser.text("#login-error")).isEqualTo("InvalidSignatureException: The request signature we "
                + "calculated does not match the signature you provided. Check your AWS Secret Access Key and signing "
                + "method. Consult the service documentation for details.");

        logIn(Users.READER_KEY, Users.READER_SECRET);
        browser.find("tr[data-stream=Visible]");
        assertThat(browser.all("#streams tbody tr")).as("Hidden is not the reader's to describe").hasSize(1);
        assertThat(browser.text("#whoami")).isEqualTo("Logged in as reader");
        browser.screenshot("console-logged-in");

        browser.open(console + "#/stream/Hidden");
        assertThat(browser.text("#stream-summary .error"))
                .isEqualTo("User reader is not authorized to perform kinesis:DescribeStreamSummary on stream Hidden.");

        browser.open(console + "#/stream/Visible");
        browser.click("#shard-map rect[data-shard=shardId-000000000000]");
        browser.click("#split-shard");
        browser.click("#confirm-ok");
        browser.await(d -> !browser.text("#confirm-error").isEmpty());
        assertThat(browser.text("#confirm-error")).startsWith("AccessDeniedException: User: "
                + "arn:aws:iam::000000000000:user/reader is not authorized to perform: kinesis:SplitShard");
    }

    @Test
    void anUnknownKeyGetsTheKinesisErrorAndALogoutEndsTheSession() {
        browser.open(console);
        logIn("AKIANOBODY0000000000", "whatever");
        assertThat(browser.text("#login-error"))
                .isEqualTo("UnrecognizedClientException: The security token included in the request is invalid.");

        logIn(Users.ADMIN_KEY, Users.ADMIN_SECRET);
        browser.await(d -> browser.all("#streams tbody tr[data-stream]").size() == 2);
        browser.click("#logout");
        browser.find("#login-key");
        browser.open(console);
        browser.await(d -> browser.find("#login").isDisplayed());
        assertThat(browser.all("#streams")).isEmpty();
    }

    private static void logIn(String accessKeyId, String secret) {
        browser.await(d -> browser.find("#login").isDisplayed());
        browser.find("#login-key").clear();
        browser.find("#login-key").sendKeys(accessKeyId);
        browser.find("#login-secret").sendKeys(secret);
        browser.script("document.querySelector('#login-error').textContent = ''");
        browser.click("#login-button");
        browser.await(d -> !browser.find("#login").isDisplayed() || !browser.find("#login-error").getText().isEmpty());
    }
}
