package io.hearth.node.credential;

import java.net.URI;

/**
 * An HTTP request about to be sent, as a credential sees it: it may add headers, query parameters
 * or body fields. Implemented by the node that sends the request (HTTP Request).
 */
public interface OutgoingRequest {

    String method();

    URI url();

    /** Sets a header, replacing one of the same name (case-insensitive). */
    void header(String name, String value);

    /** Adds a query parameter. */
    void queryParameter(String name, String value);

    /**
     * Adds a field to a JSON or form body. A request whose body is not JSON or a form cannot take it
     * and fails with a message naming the field.
     */
    void bodyField(String name, Object value);
}
