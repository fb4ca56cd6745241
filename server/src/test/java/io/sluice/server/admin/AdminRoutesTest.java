package io.sluice.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Paths to pages: exact matches, GET and HEAD only, and answers that never quote the request. */
class AdminRoutesTest {

    private final AtomicInteger served = new AtomicInteger();
    private final AdminRoutes routes = new AdminRoutes()
            .route("/metrics", () -> {
                served.incrementAndGet();
                return AdminResponse.text(200, "figures\n");
            })
            .route("/health/live", () -> AdminResponse.text(200, "live\n"));

    @Test
    void servesAGetOrHeadOfAPathWhateverItsQuery() {
        assertThat(routes.handle("GET", "/metrics?name[]=x").body()).asString().isEqualTo("figures\n");
        assertThat(routes.handle("HEAD", "/metrics").status()).isEqualTo(200);
        assertThat(served).hasValue(2);
    }

    @Test
    void answersAnUnknownPath404ListingThePagesWithoutQuotingIt() {
        AdminResponse missing = routes.handle("GET", "/<script>alert(1)</script>");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).asString().isEqualTo("Not found. This admin listener serves /metrics, /health/live\n");
        assertThat(routes.handle("GET", "/metrics/").status()).as("paths match exactly").isEqualTo(404);
        assertThat(routes.handle("POST", "/nowhere").status()).as("the path is looked up first").isEqualTo(404);
    }

    @Test
    void answersAnyOtherMethod405WithoutServingThePage() {
        for (String method : List.of("POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH")) {
            AdminResponse refused = routes.handle(method, "/metrics");

            assertThat(refused.status()).as(method).isEqualTo(405);
            assertThat(refused.body()).asString().isEqualTo("Only GET and HEAD are served here\n");
        }
        assertThat(served).hasValue(0);
    }
}
