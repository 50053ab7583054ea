/**
 * The HTTP Request node ({@code hearth.httpRequest}, also {@code n8n-nodes-base.httpRequest},
 * typeVersions 1 to 4.4): n8n's parameters, bodies, response formats, pagination and
 * authentication, sent with the JDK's non-blocking {@link java.net.http.HttpClient}.
 */
package io.hearth.nodes.http;
