package io.sluice.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code 127.0.0.1} and {@code localhost}, valid one day, made by {@code openssl} for
 * tests of the server's TLS: the PEM files the server loads ({@link #certificate()}, {@link #privateKey()} as
 * PKCS#8) and what a client needs to trust it. Both the server's own tests and the test kit's server use it, so
 * every TLS test meets the same kind of certificate.
 */
public record TestCertificate(Path certificate, Path privateKey) {

    /** Writes {@code server.crt} and {@code server.key} into {@code directory}. */
    public static TestCertificate create(Path directory) throws IOException, InterruptedException {
        Path certificate = directory.resolve("server.crt");
        Path privateKey = directory.resolve("server.key");
        List<String> command = List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", privateKey.toString(), "-out", certificate.toString(), "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        Process openssl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes());
        if (!openssl.waitFor(60, TimeUnit.SECONDS)) {
            openssl.destroyForcibly();
            throw new IllegalStateException("openssl did not finish within 60 s: " + String.join(" ", command));
        }
        if (openssl.exitValue() != 0) {
            throw new IllegalStateException("openssl failed with exit code " + openssl.exitValue() + ": " + output);
        }
        return new TestCertificate(certificate, privateKey);
    }

    /** A key store holding only this certificate, as a trusted entry. */
    public KeyStore trustStore() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            store.setCertificateEntry("sluice", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        return store;
    }

    /** Trust managers accepting this certificate and no other, for a client's TLS settings. */
    public TrustManager[] trustManagers() throws IOException, GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trustStore());
        return factory.getTrustManagers();
    }

    /**
     * Writes {@link #trustStore()} as a PKCS#12 file with {@code password}, for a JVM told to trust it through
     * {@code javax.net.ssl.trustStore} — as a Kafka Connect worker trusts a private certificate authority.
     */
    public Path writeTrustStore(Path file, char[] password) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            trustStore().store(out, password);
        }
        return file;
    }
}
