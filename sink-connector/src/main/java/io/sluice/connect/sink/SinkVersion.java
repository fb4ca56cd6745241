package io.sluice.connect.sink;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The project version, from a properties file Maven filters at build time. */
final class SinkVersion {

    private static final String RESOURCE = "/io/sluice/connect/sink/version.properties";
    private static final String VERSION = load();

    private SinkVersion() {
    }

    static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = SinkVersion.class.getResourceAsStream(RESOURCE)) {
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
