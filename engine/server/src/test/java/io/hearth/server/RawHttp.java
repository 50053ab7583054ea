package io.hearth.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, sending the request target exactly as given (no client normalises or
 * re-encodes it): how an attacker's {@code curl --path-as-is} reaches the server.
 */
final class RawHttp {

    record Response(int status, Map<String, String> headers, String body) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    private RawHttp() {}

    static Response send(int port, String method, String target, Map<String, String> headers, String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder()
                .append(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\nHost: localhost:")
                .append(port)
                .append("\r\nConnection: close\r\n");
        headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        if (content.length > 0 || List.of("POST", "PUT", "PATCH").contains(method)) {
            request.append("Content-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            byte[] head = request.toString().getBytes(StandardCharsets.ISO_8859_1);
            if (content.length <= 16 * 1024) {
                // head and a small body in one write, so they arrive together: a server that answers (415) from
                // the head alone and closes has read the body too, and closes without a reset that would
                // discard its answer before this side reads it
                byte[] whole = new byte[head.length + content.length];
                System.arraycopy(head, 0, whole, 0, head.length);
                System.arraycopy(content, 0, whole, head.length, content.length);
                out.write(whole);
                out.flush();
                return parse(readAll(socket.getInputStream(), !method.equals("HEAD")));
            }
            out.write(head);
            try {
                out.write(content);
                out.flush();
            } catch (IOException answeredEarly) {
                // the server may answer (413) and close before reading a large body: read that answer
            }
            return parse(readAll(socket.getInputStream(), !method.equals("HEAD")));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target, e);
        }
    }

    static Response send(int port, String method, String target, Map<String, String> headers) {
        return send(port, method, target, headers, "");
    }

    private static String readAll(InputStream in, boolean body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            bytes.write(buffer, 0, n);
            if (!body && bytes.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                break;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Response parse(String raw) {
        int end = raw.indexOf("\r\n\r\n");
        String head = end < 0 ? raw : raw.substring(0, end);
        String body = end < 0 ? "" : raw.substring(end + 4);
        String[] lines = head.split("\r\n", -1);
        if (lines.length == 0 || !lines[0].startsWith("HTTP/1.1 ")) {
            throw new IllegalStateException("not an HTTP answer: " + raw);
        }
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(
                        lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip(),
                        (a, b) -> a + ", " + b);
            }
        }
        return new Response(status, headers, body);
    }
}
