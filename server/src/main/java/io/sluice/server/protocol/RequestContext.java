package io.sluice.server.protocol;

import io.sluice.server.auth.Principal;

/** What an action may know about the request besides its body: who made it and its id (for logs). */
public record RequestContext(String requestId, Principal principal) {
}
