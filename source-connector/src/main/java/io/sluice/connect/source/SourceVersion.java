package io.sluice.connect.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The project version, from a properties file Maven filters at build time (so it works from the test classpath). */
final class SourceVersion {

    private static final String RESOURCE = "/io/sluice/connect/source/version.properties";
    private static final String VERSION = load();

    private SourceVersion() {
    }

    static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = SourceVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
