package io.sluice.console;

import io.sluice.console.monitor.RateHistory;
import io.sluice.console.monitor.StreamPages;
import io.sluice.console.session.LoginReplays;
import io.sluice.console.session.Sessions;
import io.sluice.console.tail.RecordTail;
import io.sluice.console.web.StaticAssets;
import io.sluice.core.StreamEngine;
import io.sluice.server.admin.AdminExtension;
import io.sluice.server.admin.AdminRoutes;
import io.sluice.server.admin.ApiAccess;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console, at {@code /console} on the admin listener: found by the server on its class path
 * ({@code META-INF/services}) and installed when it starts with {@code --admin-port}.
 */
public final class Console implements AdminExtension {

    private static final Logger log = LoggerFactory.getLogger(Console.class);

    @Override
    public AutoCloseable install(AdminRoutes routes, StreamEngine engine, ApiAccess api) {
        RateHistory rates = new RateHistory(engine, Clock.systemUTC());
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sluice-console-sampler");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleAtFixedRate(() -> sampleQuietly(rates), 0, RateHistory.INTERVAL_MS, TimeUnit.MILLISECONDS);
        routes.mount("/console", new ConsoleHandler(api, new Sessions(Clock.systemUTC()),
                new LoginReplays(Clock.systemUTC()), new StaticAssets(), new StreamPages(engine, rates),
                new RecordTail(engine)));
        return sampler::shutdownNow;
    }

    private static void sampleQuietly(RateHistory rates) {
        try {
            rates.sample();
        } catch (RuntimeException e) {
            // a storage that failed a read: the chart misses a point, the next sample tries again
            log.debug("A console sample failed", e);
        }
    }
}
