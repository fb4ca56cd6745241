package io.sluice.connect.common;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version both connectors and their tasks report from {@code version()}: the project version, from a properties
 * file Maven filters at build time (so it is right from a jar and from the test class path alike).
 */
public final class PluginVersion {

    private static final String RESOURCE = "/io/sluice/connect/common/version.properties";
    private static final String VERSION = load();

    private PluginVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = PluginVersion.class.getResourceAsStream(RESOURCE)) {
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
