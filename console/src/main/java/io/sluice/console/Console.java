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

/**
 * The web console, at {@code /console} on the admin listener: found by the server on its class path
 * ({@code META-INF/services}) and installed when it starts with {@code --admin-port}.
 */
public final class Console implements AdminExtension {

    @Override
    public AutoCloseable install(AdminRoutes routes, StreamEngine engine, ApiAccess api) {
        RateHistory rates = new RateHistory(engine);
        routes.mount("/console", new ConsoleHandler(api, new Sessions(Clock.systemUTC()),
                new LoginReplays(Clock.systemUTC()), new StaticAssets(), new StreamPages(engine, rates),
                new RecordTail(engine)));
        return rates;
    }
}
