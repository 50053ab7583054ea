package io.hearth.nodes.homeassistant.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Host, port and TLS as a user means them: {@code homeassistant.local}, {@code 192.168.1.5},
 * or a pasted URL such as {@code https://ha.example.org:8443/} (scheme decides TLS, the URL's port
 * wins; {@code https://x} without a port means 443, {@code http://x} 8123 unless given).
 *
 * @param host the host name or IP (IPv6 without brackets), trimmed, no trailing slash or dot
 * @param port the port (may be out of range when the user typed one; the connection checks say so)
 * @param ssl  whether to use TLS
 */
public record HostAddress(String host, int port, boolean ssl) {

    private static final Pattern HOST_NAME =
            Pattern.compile("(?i)[a-z0-9_]([a-z0-9_-]{0,62})(\\.[a-z0-9_]([a-z0-9_-]{0,62}))*");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("(?i)[0-9a-f:.]+(%[a-z0-9]+)?");

    /**
     * Normalises what a user typed.
     *
     * @param rawHost the host field (maybe a URL)
     * @param rawPort the port field: a Number, a numeric String, or null/blank for the default
     * @param rawSsl  the ssl field: Boolean, "true"/"false", or null for false
     */
    public static HostAddress parse(String rawHost, Object rawPort, Object rawSsl) {
        String host = rawHost == null ? "" : rawHost.strip();
        boolean ssl = rawSsl instanceof Boolean b
                ? b
                : rawSsl != null && Boolean.parseBoolean(rawSsl.toString().strip());
        Integer port = portOf(rawPort);

        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            boolean urlSsl = lower.startsWith("https://");
            Optional<URI> uri = uri(host);
            String rest = host.substring(host.indexOf("://") + 3);
            if (uri.isPresent() && uri.get().getHost() != null) {
                URI u = uri.get();
                String h = u.getHost();
                if (h.startsWith("[") && h.endsWith("]")) {
                    h = h.substring(1, h.length() - 1);
                }
                String path = u.getRawPath() == null ? "" : u.getRawPath();
                host = trimSlashes(h) + trimSlashes(path); // a path stays, so validation can reject it
                ssl = urlSsl;
                port = u.getPort() > 0 ? Integer.valueOf(u.getPort()) : urlSsl ? Integer.valueOf(443) : port;
            } else {
                // not a parseable URL (e.g. bad characters): keep the rest so validation can name it
                host = trimSlashes(rest);
                ssl = urlSsl;
            }
        } else {
            host = trimSlashes(host);
            // "ha.local:8443" typed into the host field
            int colon = host.lastIndexOf(':');
            if (colon > 0
                    && host.indexOf(':') == colon
                    && host.substring(colon + 1).matches("\\d{1,5}")) {
                port = Integer.valueOf(host.substring(colon + 1));
                host = host.substring(0, colon);
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
        }
        while (host.endsWith(".") && host.length() > 1 && !IPV4.matcher(host).matches()) {
            host = host.substring(0, host.length() - 1);
        }
        return new HostAddress(host, port == null ? HaConnectionSettings.DEFAULT_PORT : port, ssl);
    }

    /** What is wrong with the host ("host") or the port ("port"); empty when both are usable. */
    public Optional<String> hostProblem() {
        if (host.isEmpty()) {
            return Optional.of("is required");
        }
        if (host.contains("/")) {
            return Optional.of("must be a host name or IP address without a path (got '" + host + "')");
        }
        if (host.contains("@")) {
            return Optional.of("must not contain user information ('@')");
        }
        if (host.contains(":")) {
            return IPV6.matcher(host).matches()
                    ? Optional.empty()
                    : Optional.of("is not a valid host name or IPv6 address: '" + host + "'");
        }
        var ipv4 = IPV4.matcher(host);
        if (ipv4.matches()) {
            for (int g = 1; g <= 4; g++) {
                if (Integer.parseInt(ipv4.group(g)) > 255) {
                    return Optional.of("is not a valid IPv4 address: '" + host + "'");
                }
            }
            return Optional.empty();
        }
        if (host.length() > 253 || !HOST_NAME.matcher(host).matches()) {
            return Optional.of("is not a valid host name (letters, digits, '-', '.' only): '" + host + "'");
        }
        return Optional.empty();
    }

    public Optional<String> portProblem() {
        return port >= 1 && port <= 65535
                ? Optional.empty()
                : Optional.of("must be between 1 and 65535 (got " + port + ")");
    }

    private static Integer portOf(Object raw) {
        if (raw instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE ? (int) d : -1;
        }
        if (raw != null && !raw.toString().isBlank()) {
            try {
                return Integer.valueOf(raw.toString().strip());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return null;
    }

    private static Optional<URI> uri(String text) {
        try {
            return Optional.of(new URI(text));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String trimSlashes(String s) {
        String t = s.strip();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
