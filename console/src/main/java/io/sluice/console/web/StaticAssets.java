package io.sluice.console.web;

import io.sluice.server.admin.AdminResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The console's page and its scripts and styles, read from the class path once: our own files
 * ({@code io/sluice/console/web/}) and uPlot's from its WebJar. Nothing is fetched from elsewhere, so the console works
 * offline; only these names are served (no path is ever resolved from the request). HTML carries a Content Security
 * Policy that lets the page load nothing but these and talk to nothing but this listener.
 */
public final class StaticAssets {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private final Map<String, AdminResponse> assets = new HashMap<>();

    public StaticAssets() {
        String own = "/io/sluice/console/web/";
        String uplot = "/META-INF/resources/webjars/uplot/" + webJarVersion("uplot") + "/dist/";
        add("", own + "index.html", "text/html; charset=utf-8");
        add("assets/console.js", own + "console.js", "text/javascript; charset=utf-8");
        add("assets/sigv4.js", own + "sigv4.js", "text/javascript; charset=utf-8");
        add("assets/console.css", own + "console.css", "text/css; charset=utf-8");
        add("assets/seed-pump.sql", own + "anderson-filter.sql", "text/plain; charset=utf-8");
        add("assets/uPlot.iife.min.js", uplot + "uPlot.iife.min.js", "text/javascript; charset=utf-8");
        add("assets/uPlot.min.css", uplot + "uPlot.min.css", "text/css; charset=utf-8");
    }

    /** The asset at {@code name} (relative to {@code /console/}; the page is {@code ""}). */
    public Optional<AdminResponse> get(String name) {
        return Optional.ofNullable(assets.get(name.equals("index.html") ? "" : name));
    }

    private void add(String name, String resource, String contentType) {
        AdminResponse asset = new AdminResponse(200, contentType, read(resource));
        if (contentType.startsWith("text/html")) {
            asset = asset.withHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                    .withHeader("X-Frame-Options", "DENY").withHeader("Referrer-Policy", "no-referrer");
        }
        assets.put(name, asset);
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The console's " + resource + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String webJarVersion(String artifact) {
        String resource = "/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        Properties properties = new Properties();
        try (InputStream in = StaticAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The WebJar of " + artifact + " is not on the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }
}
