package io.sluice.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.log.FsyncPolicy;
import io.sluice.server.ServerConfig;
import io.sluice.server.ServerConfig.AuthMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCommandLineTest {

    @Test
    void defaultsToAnOpenLoopbackServerWithKinesisLimits() {
        ServerConfig config = ServerCommandLine.parse();

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(4567);
        assertThat(config.auth()).isEqualTo(AuthMode.OPEN);
        assertThat(config.limitsOn()).isTrue();
        assertThat(config.fsync()).isEqualTo(FsyncPolicy.always());
    }

    @Test
    void readsEveryFlag() {
        ServerConfig config = ServerCommandLine.parse("--host", "0.0.0.0", "--port", "0", "--data-dir", "/tmp/s",
                "--region", "eu-west-1", "--account-id", "123456789012", "--shard-limit", "50", "--limits", "off",
                "--fsync", "interval:250",
                "--auth", "sigv4", "--auth-config", "auth.json", "--tls-cert", "c.pem", "--tls-key", "k.pem");

        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isZero();
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/s"));
        assertThat(config.region()).isEqualTo("eu-west-1");
        assertThat(config.accountId()).isEqualTo("123456789012");
        assertThat(config.shardLimit()).isEqualTo(50);
        assertThat(config.limitsOn()).isFalse();
        assertThat(config.fsync()).isEqualTo(FsyncPolicy.interval(Duration.ofMillis(250)));
        assertThat(config.auth()).isEqualTo(AuthMode.SIGV4);
        assertThat(config.authConfig()).isEqualTo(Path.of("auth.json"));
        assertThat(config.tlsCert()).isEqualTo(Path.of("c.pem"));
        assertThat(config.tlsKey()).isEqualTo(Path.of("k.pem"));
    }

    @Test
    void flagsOverrideTheConfigFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "port=5000\nregion=ap-northeast-2\nlimits=off\n");

        ServerConfig config = ServerCommandLine.parse("--config", file.toString(), "--port", "6000");

        assertThat(config.port()).isEqualTo(6000);
        assertThat(config.region()).isEqualTo("ap-northeast-2");
        assertThat(config.limitsOn()).isFalse();
    }

    @Test
    void namesTheFlagOfEveryMistake() {
        assertThatThrownBy(() -> ServerCommandLine.parse("--port", "http"))
                .hasMessage("--port: port 'http' is not a number");
        assertThatThrownBy(() -> ServerCommandLine.parse("--limits", "strict"))
                .hasMessage("--limits: limits 'strict' is not one of: kinesis, off");
        assertThatThrownBy(() -> ServerCommandLine.parse("--colour", "blue"))
                .hasMessage("--colour: unknown setting 'colour'");
        assertThatThrownBy(() -> ServerCommandLine.parse("--port"))
                .hasMessage("--port needs a value");
        assertThatThrownBy(() -> ServerCommandLine.parse("--auth", "sigv4"))
                .hasMessage("auth sigv4 needs an auth config file (--auth-config FILE)");
        assertThatThrownBy(() -> ServerCommandLine.parse("--tls-cert", "c.pem"))
                .hasMessage("TLS needs both --tls-cert and --tls-key");
        assertThatThrownBy(() -> ServerCommandLine.parse("--port", "70000"))
                .hasMessage("--port: port must be in 0..65535, got 70000");
        assertThatThrownBy(() -> ServerCommandLine.parse("--shard-limit", "0"))
                .hasMessage("--shard-limit: shard-limit must be at least 1, got 0");
        assertThatThrownBy(() -> ServerCommandLine.parse("--max-inflight-bytes", "1048576"))
                .hasMessage("max-inflight-bytes (1048576) must be at least max-request-bytes (10485760)");
    }

    @Test
    void namesTheFileAndKeyOfAMistakeInTheConfigFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "fsync=sometimes\n");

        assertThatThrownBy(() -> ServerCommandLine.parse("--config", file.toString()))
                .hasMessage("fsync in " + file + ": fsync policy 'sometimes' is not one of: always, interval, "
                        + "interval:<millis>");
    }

    @Test
    void helpReturnsNoConfiguration() {
        assertThat(ServerCommandLine.parse("--help")).isNull();
    }
}
