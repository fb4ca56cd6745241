package io.sluice.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.console.monitor.StreamPages;
import io.sluice.console.playground.PumpPlayground;
import io.sluice.console.session.LoginReplays;
import io.sluice.console.session.Session;
import io.sluice.console.session.Sessions;
import io.sluice.console.tail.RecordTail;
import io.sluice.console.tail.RecordView;
import io.sluice.console.web.Json;
import io.sluice.console.web.Json.BadRequest;
import io.sluice.console.web.StaticAssets;
import io.sluice.core.api.StreamRecord;
import io.sluice.core.error.ResourceNotFoundException;
import io.sluice.server.admin.AdminHandler;
import io.sluice.server.admin.AdminRequest;
import io.sluice.server.admin.AdminResponse;
import io.sluice.server.admin.ApiAccess;
import io.sluice.server.auth.Principal;
import io.sluice.server.wire.ApiException;
import io.sluice.server.wire.KinesisResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything under {@code /console}: the page and its assets, and the JSON the page uses under
 * {@code /console/api/}. Every API call but {@code session} and {@code login} needs a session (mode {@code sigv4}: a
 * login signed with the user's key pair; mode {@code open}: handed out by {@code session}); every POST needs the
 * session's CSRF token in {@code X-CSRF-Token} and, when the browser says where it comes from, this listener's own
 * origin. What a user sees and does is what the Kinesis port lets that user see and do: streams they may describe,
 * records they may read, and changes run as Kinesis actions with the port's checks and errors.
 */
final class ConsoleHandler implements AdminHandler {

    private static final String API = "/console/api/";
    /** The Kinesis actions the page runs (behind a confirmation). */
    /** The calls that take a POST (the rest are read with GET): changes, and reads whose request has a body. */
    private static final Set<String> POSTED = Set.of("logout", "tail", "pump");
    private static final Set<String> ACTIONS = Set.of("CreateStream", "DeleteStream", "SplitShard", "MergeShards",
            "UpdateShardCount");

    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

    private final ApiAccess api;
    private final Sessions sessions;
    private final LoginReplays replays;
    private final StaticAssets assets;
    private final StreamPages pages;
    private final RecordTail tail;

    ConsoleHandler(ApiAccess api, Sessions sessions, LoginReplays replays, StaticAssets assets, StreamPages pages,
                   RecordTail tail) {
        this.api = api;
        this.sessions = sessions;
        this.replays = replays;
        this.assets = assets;
        this.pages = pages;
        this.tail = tail;
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        String path = request.path();
        if (path.equals("/console")) {
            return new AdminResponse(302, "text/plain; charset=utf-8", new byte[0]).withHeader("Location", "/console/");
        }
        if (!path.startsWith(API)) {
            if (!isRead(request)) {
                return AdminResponse.text(405, "Only GET and HEAD are served here\n");
            }
            return assets.get(path.substring("/console/".length()))
                    .orElseGet(() -> AdminResponse.text(404, "Not found\n"));
        }
        try {
            return api(request, path.substring(API.length()));
        } catch (BadRequest e) {
            return Json.error(400, e.getMessage());
        } catch (ResourceNotFoundException e) {
            return Json.error(404, e.getMessage());
        } catch (io.sluice.core.error.KinesisException e) {
            return Json.error(400, e.getMessage());
        }
    }

    private AdminResponse api(AdminRequest request, String call) throws BadRequest {
        boolean post = request.method().equals("POST");
        if (post && !sameOrigin(request)) {
            return Json.error(403, "Cross-origin requests are refused.");
        }
        if (call.equals("session")) {
            return isRead(request) ? session(request) : methodNotAllowed();
        }
        if (call.equals("login")) {
            return post ? login(request) : methodNotAllowed();
        }
        Optional<Session> found = sessions.find(request.header("cookie"));
        if (found.isEmpty()) {
            return Json.error(401, "Log in first: the session is missing or has ended.");
        }
        Session session = found.get();
        if (post && !Sessions.csrfMatches(session, request.header("x-csrf-token"))) {
            return Json.error(403, "The request lacks this session's CSRF token (X-CSRF-Token); reload the page.");
        }
        boolean posted = POSTED.contains(call) || call.startsWith("kinesis/");
        if (posted ? !post : !isRead(request)) {
            return methodNotAllowed();
        }
        if (call.startsWith("kinesis/")) {
            return kinesis(session, call.substring("kinesis/".length()), request.body());
        }
        switch (call) {
            case "logout":
                sessions.end(session);
                return Json.ok(Json.object()).withHeader("Set-Cookie", Sessions.clearedCookie());
            case "streams":
                return Json.ok(pages.streams(stream -> api.allowed(session.user(), "DescribeStreamSummary", stream)));
            case "stream": {
                String name = request.parameter("name").orElseThrow(() -> new BadRequest("Name the stream: ?name="));
                if (!api.allowed(session.user(), "DescribeStreamSummary", name)) {
                    return denied(session, "DescribeStreamSummary", name);
                }
                return Json.ok(pages.stream(name));
            }
            case "tail":
                return tail(session, Json.read(request.body()));
            case "pump":
                return pump(session, Json.read(request.body()));
            default:
                return Json.error(404, "No such console call.");
        }
    }

    private AdminResponse session(AdminRequest request) {
        ObjectNode answer = Json.object().put("auth", api.checksSignatures() ? "sigv4" : "open")
                .put("region", api.region());
        Optional<Session> found = sessions.find(request.header("cookie"));
        if (found.isEmpty() && !api.checksSignatures()) {
            Session started = sessions.start(ApiAccess.ANYONE);
            return Json.ok(loggedIn(answer, started)).withHeader("Set-Cookie", Sessions.cookie(started));
        }
        return Json.ok(found.isPresent() ? loggedIn(answer, found.get()) : answer.put("loggedIn", false));
    }

    private AdminResponse login(AdminRequest request) {
        if (!api.checksSignatures()) {
            return Json.error(400, "This server does not check signatures (--auth open): no login is needed.");
        }
        String authorization = request.header("authorization");
        if (authorization == null) {
            return Json.error(401, "Sign the login request with your access key (AWS Signature Version 4).");
        }
        Principal user;
        try {
            user = api.authenticate(request);
        } catch (ApiException e) {
            return Json.error(401, e.type().wireName() + ": " + e.getMessage());
        }
        switch (replays.use(authorization)) {
            case REPLAYED:
                return Json.error(401, "This login was used already; sign a new one.");
            case TOO_MANY:
                return Json.error(503, "Too many logins in the last minutes; try again later.");
            default:
                break;
        }
        Session session = sessions.start(user);
        return Json.ok(loggedIn(Json.object(), session)).withHeader("Set-Cookie", Sessions.cookie(session));
    }

    private AdminResponse kinesis(Session session, String action, byte[] body) {
        if (!ACTIONS.contains(action)) {
            return Json.error(404, "The console runs only " + String.join(", ", ACTIONS.stream().sorted().toList())
                    + ".");
        }
        KinesisResponse answer = api.call(session.user(), action, body.length == 0 ? EMPTY_OBJECT : body);
        byte[] json = answer.body().toByteArray();
        // actions without output answer an empty body, as on Kinesis; the page reads JSON
        return AdminResponse.json(answer.status(), json.length == 0 ? EMPTY_OBJECT : json);
    }

    private AdminResponse tail(Session session, ObjectNode body) throws BadRequest {
        String stream = text(body, "stream");
        if (!api.allowed(session.user(), "GetRecords", stream)) {
            return denied(session, "GetRecords", stream);
        }
        Map<String, String> after = new HashMap<>();
        JsonNode positions = body.path("after");
        positions.properties().forEach(position -> after.put(position.getKey(), position.getValue().asText()));
        return Json.ok(tail.newest(stream, after));
    }

    private AdminResponse pump(Session session, ObjectNode body) throws BadRequest {
        String sql = text(body, "sql");
        if (sql.length() > PumpPlayground.MAX_SQL_CHARS) {
            throw new BadRequest("The SQL is longer than " + PumpPlayground.MAX_SQL_CHARS + " characters.");
        }
        List<PumpPlayground.Sample> samples = new ArrayList<>();
        if (body.hasNonNull("stream")) {
            String stream = text(body, "stream");
            if (!api.allowed(session.user(), "GetRecords", stream)) {
                return denied(session, "GetRecords", stream);
            }
            int limit = body.path("limit").asInt(100);
            if (limit < 1 || limit > PumpPlayground.MAX_RECORDS) {
                throw new BadRequest("limit must be 1 to " + PumpPlayground.MAX_RECORDS + ".");
            }
            for (StreamRecord record : tail.latest(stream, limit)) {
                String text = RecordView.utf8(record.data());
                samples.add(new PumpPlayground.Sample(text == null ? "" : text, record.approximateArrivalTimestampMs()));
            }
        } else {
            long now = System.currentTimeMillis();
            for (String line : text(body, "input").split("\r?\n")) {
                if (!line.isBlank()) {
                    samples.add(new PumpPlayground.Sample(line, now));
                }
            }
            if (samples.size() > PumpPlayground.MAX_RECORDS) {
                throw new BadRequest("Paste at most " + PumpPlayground.MAX_RECORDS + " lines.");
            }
        }
        return Json.ok(PumpPlayground.run(sql, samples));
    }

    private static ObjectNode loggedIn(ObjectNode answer, Session session) {
        return answer.put("loggedIn", true).put("user", session.user().userName()).put("csrf", session.csrfToken());
    }

    private static AdminResponse denied(Session session, String action, String stream) {
        return Json.error(403, "User " + session.user().userName() + " is not authorized to perform kinesis:" + action
                + " on stream " + stream + ".");
    }

    private static String text(ObjectNode body, String field) throws BadRequest {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw new BadRequest("\"" + field + "\" must be a string.");
        }
        return value.asText();
    }

    /** A POST without {@code Origin} (not a browser's cross-site form) or from this listener's own origin. */
    private static boolean sameOrigin(AdminRequest request) {
        String origin = request.header("origin");
        if (origin == null) {
            return true;
        }
        try {
            return URI.create(origin).getRawAuthority() != null
                    && URI.create(origin).getRawAuthority().equalsIgnoreCase(request.header("host"));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static boolean isRead(AdminRequest request) {
        return request.method().equals("GET") || request.method().equals("HEAD");
    }

    private static AdminResponse methodNotAllowed() {
        return Json.error(405, "Method not allowed here.");
    }
}
