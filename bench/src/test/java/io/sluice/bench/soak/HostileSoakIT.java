package io.sluice.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.bench.support.Directories;
import io.sluice.bench.support.SluiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The short version of {@code bench/run soak} (hardening #13's proof): 40 seconds of acknowledged writes with every
 * kind of hostile request interleaved, against {@code sluice-server} in its own JVM with SigV4 on. Nothing
 * acknowledged is lost, every hostile request that can be answered is answered, and the server serves after.
 */
class HostileSoakIT {

    @Test
    void hostileRequestsInterleavedWithValidLoadLoseNothingAndAllGetAnAnswer() throws Exception {
        Path dataDir = Files.createTempDirectory("sluice-soak-it-");
        Path authConfig = Path.of("..", "config", "server", "auth.json"); // failsafe runs in the module directory
        try (SluiceProcess server = new SluiceProcess(dataDir, true,
                List.of("--auth", "sigv4", "--auth-config", authConfig.toString()))) {
            HostileSoak.Report report = new HostileSoak(new HostileSoak.Target(server.uri(), "us-east-1",
                    "AKIASLUICEADMIN00001", "change-me-admin-secret"), 2, 3).run(Duration.ofSeconds(40), t -> { });

            assertThat(report.acknowledged()).as("records acknowledged").isGreaterThan(1000);
            assertThat(report.missing()).as("acknowledged but not read back").isEmpty();
            assertThat(report.hostileAnswers()).as("every kind was tried").hasSize(10);
            assertThat(report.unanswered()).as("hostile requests left without an answer: %s",
                    report.hostileAnswers()).isZero();
            assertThat(report.hostileAnswers().get("forged_secret")).as("forged signatures are refused")
                    .containsOnlyKeys(400);
            assertThat(report.servesAfter()).isTrue();
        } finally {
            Directories.deleteTree(dataDir);
        }
    }
}
