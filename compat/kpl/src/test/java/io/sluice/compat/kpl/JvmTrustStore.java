package io.sluice.compat.kpl;

import io.sluice.core.testing.TestCertificate;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;

/**
 * Makes this JVM's default trust store the test certificate, the way an operator lets a Kafka Connect worker trust
 * a private certificate authority ({@code -Djavax.net.ssl.trustStore=...}), so the connectors running on the kit's
 * in-process worker reach the TLS server with their configuration unchanged. {@link #close()} puts the previous
 * settings back. Clients build their SSL contexts when they start: set this before starting them.
 */
final class JvmTrustStore implements AutoCloseable {

    private static final String STORE = "javax.net.ssl.trustStore";
    private static final String TYPE = "javax.net.ssl.trustStoreType";
    private static final String PASSWORD = "javax.net.ssl.trustStorePassword";
    private static final char[] STORE_PASSWORD = "sluice-test".toCharArray();

    private final Map<String, String> previous = new HashMap<>();

    private JvmTrustStore(Path file) {
        set(STORE, file.toString());
        set(TYPE, "PKCS12");
        set(PASSWORD, new String(STORE_PASSWORD));
    }

    /** Trusts {@code certificate}, and only it, JVM-wide; the store file is written into {@code directory}. */
    static JvmTrustStore trusting(TestCertificate certificate, Path directory) throws IOException, GeneralSecurityException {
        return new JvmTrustStore(certificate.writeTrustStore(directory.resolve("truststore.p12"), STORE_PASSWORD));
    }

    private void set(String key, String value) {
        previous.put(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    @Override
    public void close() {
        previous.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }
}
