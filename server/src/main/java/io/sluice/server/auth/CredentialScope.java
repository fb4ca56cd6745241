package io.sluice.server.auth;

import io.sluice.server.wire.ApiException;
import io.sluice.server.wire.ErrorType;

/**
 * The SigV4 credential, {@code AKID/20261125/us-east-1/kinesis/aws4_request}: the access key id and the scope the
 * signing key was derived for.
 */
record CredentialScope(String accessKeyId, String date, String region, String service, String terminator) {

    static final String TERMINATOR = "aws4_request";

    /** @throws ApiException {@code IncompleteSignatureException} unless there are exactly five elements */
    static CredentialScope parse(String credential) {
        String[] elements = credential.split("/", -1);
        if (elements.length != 5) {
            throw new ApiException(ErrorType.INCOMPLETE_SIGNATURE, "Credential must have exactly 5 slash-delimited "
                    + "elements, e.g. keyid/date/region/service/term, got '" + ClientText.quoted(credential) + "'");
        }
        return new CredentialScope(elements[0], elements[1], elements[2], elements[3], elements[4]);
    }

    /** What the string to sign names: {@code date/region/service/aws4_request}. */
    String scope() {
        return date + "/" + region + "/" + service + "/" + terminator;
    }
}
