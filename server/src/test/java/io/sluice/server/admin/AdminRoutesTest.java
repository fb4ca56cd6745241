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
            .route("/health/live", () -> AdminResponse.text(200, "live\n"))
            .mount("/console", request -> AdminResponse.text(200, request.method() + " " + request.path()));

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
        assertThat(missing.body()).asString()
                .isEqualTo("Not found. This admin listener serves /metrics, /health/live, /console\n");
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

    @Test
    void handsAMountEveryMethodOnItsPathAndBelowButNotOnLookalikes() {
        assertThat(routes.handle("GET", "/console").body()).asString().isEqualTo("GET /console");
        assertThat(routes.handle("POST", "/console/api/streams?x=1").body()).asString()
                .isEqualTo("POST /console/api/streams");
        assertThat(routes.handle("GET", "/consoles").status()).isEqualTo(404);
    }

    @Test
    void decodesQueryParametersAndGivesNoneForMalformedEscapes() {
        AdminRequest request = AdminRequest.of("GET", "/console/api/stream?name=My%20Stream&x=%zz", java.util.Map.of(),
                new byte[0]);

        assertThat(request.parameter("name")).hasValue("My Stream");
        assertThat(request.parameter("x")).isEmpty();
        assertThat(request.parameter("missing")).isEmpty();
        assertThat(request.uri()).isEqualTo("/console/api/stream?name=My%20Stream&x=%zz");
    }
}
