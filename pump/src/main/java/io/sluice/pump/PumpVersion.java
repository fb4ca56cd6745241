package io.sluice.pump;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The project version, from a properties file Maven filters at build time. */
public final class PumpVersion {

    private static final String RESOURCE = "/io/sluice/pump/version.properties";
    private static final String VERSION = load();

    private PumpVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = PumpVersion.class.getResourceAsStream(RESOURCE)) {
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
