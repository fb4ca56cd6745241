package io.sluice.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TruncatedHmacTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private static byte[] reference(byte[] message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        return Arrays.copyOf(mac.doFinal(message), 12);
    }

    @Test
    void signsLikeAFreshHmacOnEveryThreadAndCallAfterCall() throws Exception {
        TruncatedHmac hmac = new TruncatedHmac(KEY, 12);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                runs.add(threads.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        byte[] message = ("iterator " + thread + "/" + i).getBytes(StandardCharsets.UTF_8);
                        assertThat(hmac.sign(message, message.length)).isEqualTo(reference(message));
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void acceptsOnlyTheExactSignatureAfterTheSignedBytes() throws Exception {
        TruncatedHmac hmac = new TruncatedHmac(KEY, 12);
        byte[] body = "shard-0 offset 42".getBytes(StandardCharsets.UTF_8);
        byte[] signed = Arrays.copyOf(body, body.length + 12);
        System.arraycopy(hmac.sign(body, body.length), 0, signed, body.length, 12);

        assertThat(hmac.isSigned(signed, body.length)).isTrue();
        signed[signed.length - 1] ^= 1;
        assertThat(hmac.isSigned(signed, body.length)).isFalse();
        assertThat(hmac.isSigned(Arrays.copyOf(signed, signed.length - 1), body.length)).isFalse();
    }
}
