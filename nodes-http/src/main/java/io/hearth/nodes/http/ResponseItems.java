package io.hearth.nodes.http;

import io.hearth.common.Json;
import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import io.hearth.node.NodeApiException;
import io.hearth.node.NodeException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A response as n8n's HTTP Request returns it: JSON items, text, a file, or the full response. */
final class ResponseItems {

    private static final Pattern CHARSET = Pattern.compile("charset=\"?([^;\"\\s]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILENAME_STAR =
            Pattern.compile("filename\\*=(?:UTF-8'')?([^;]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILENAME = Pattern.compile("filename=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final Map<Integer, String> MESSAGES = Map.ofEntries(
            Map.entry(400, "Bad request - please check your parameters"),
            Map.entry(401, "Authorization failed - please check your credentials"),
            Map.entry(402, "Payment required - perhaps check your payment details?"),
            Map.entry(403, "Forbidden - perhaps check your credentials?"),
            Map.entry(404, "The resource you are requesting could not be found"),
            Map.entry(405, "Method not allowed - please check you are using the right HTTP method"),
            Map.entry(429, "The service is receiving too many requests from you"),
            Map.entry(500, "The service was not able to process your request"),
            Map.entry(502, "Bad gateway - the service failed to handle your request"),
            Map.entry(
                    503,
                    "Service unavailable - try again later or consider setting this node to retry automatically"
                            + " (in the node settings)"),
            Map.entry(504, "Gateway timed out - perhaps try again later?"));

    /** The response options. */
    record Format(String responseFormat, boolean fullResponse, boolean neverError, String outputField) {}

    private ResponseItems() {}

    /** Fails the node for a status of 400 and above unless "Never Error" is set. */
    static void checkStatus(HttpSender.Response r, Format format, String shownUrl) {
        if (r.status() < 400 || format.neverError()) {
            return;
        }
        String generic = MESSAGES.getOrDefault(
                r.status(),
                r.status() < 500
                        ? "Your request is invalid or could not be processed by the service"
                        : "The service failed to process your request");
        String excerpt = new String(r.body(), charset(r)).strip();
        if (excerpt.length() > 500) {
            excerpt = excerpt.substring(0, 500) + "…";
        }
        throw new NodeApiException(
                generic,
                r.status(),
                r.status() + " - " + (excerpt.isEmpty() ? "(empty body)" : excerpt) + " | " + "URL: " + shownUrl,
                null);
    }

    static List<Item> of(HttpSender.Response r, Format format) {
        String type = contentType(r);
        String mode = format.responseFormat();
        if (mode.equals("autodetect")) {
            mode = type.contains("json") ? "json" : isBinary(type) ? "file" : "text";
        }
        return switch (mode) {
            case "file" -> List.of(file(r, format, type));
            case "text" -> List.of(Item.of(wrap(r, format, Map.of(format.outputField(), text(r)), text(r))));
            default -> json(r, format, format.responseFormat().equals("autodetect"));
        };
    }

    /** The body as the value pagination's {@code $response.body} sees. */
    static Object bodyValue(HttpSender.Response r, Format format) {
        String type = contentType(r);
        boolean json = format.responseFormat().equals("json")
                || (format.responseFormat().equals("autodetect") && type.contains("json"));
        String text = text(r);
        if (json && !text.isBlank()) {
            try {
                return Json.parse(text);
            } catch (IllegalArgumentException e) {
                return text;
            }
        }
        return text;
    }

    private static List<Item> json(HttpSender.Response r, Format format, boolean lenient) {
        String text = text(r);
        Object value;
        if (text.isBlank()) {
            value = Map.of();
        } else {
            try {
                value = Json.parse(text);
            } catch (IllegalArgumentException e) {
                if (lenient) {
                    return List.of(Item.of(wrap(r, format, Map.of(format.outputField(), text), text)));
                }
                throw new NodeException("Response body is not valid JSON. Change \"Response Format\" to \"Text\"");
            }
        }
        if (format.fullResponse()) {
            return List.of(Item.of(wrap(r, format, Map.of(), value)));
        }
        List<Item> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object e : list) {
                out.add(Item.of(asObject(e)));
            }
            return out;
        }
        return List.of(Item.of(asObject(value)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Object v) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        Map<String, Object> wrapped = new LinkedHashMap<>();
        wrapped.put("data", v);
        return wrapped;
    }

    private static Map<String, Object> wrap(
            HttpSender.Response r, Format format, Map<String, Object> plain, Object body) {
        if (!format.fullResponse()) {
            return plain;
        }
        Map<String, Object> full = new LinkedHashMap<>();
        full.put("body", body);
        full.put("headers", headers(r));
        full.put("statusCode", r.status());
        full.put("statusMessage", reason(r.status()));
        return full;
    }

    static Map<String, Object> headers(HttpSender.Response r) {
        Map<String, Object> h = new LinkedHashMap<>();
        r.headers().forEach((k, v) -> {
            if (!k.startsWith(":")) {
                h.put(k.toLowerCase(Locale.ROOT), v.size() == 1 ? v.getFirst() : v);
            }
        });
        return h;
    }

    private static Item file(HttpSender.Response r, Format format, String type) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (format.fullResponse()) {
            json.put("headers", headers(r));
            json.put("statusCode", r.status());
            json.put("statusMessage", reason(r.status()));
        }
        String mime = type.isEmpty() ? "application/octet-stream" : r.header("Content-Type");
        return Item.of(json).withBinary(format.outputField(), BinaryData.of(r.body(), mime, fileName(r)));
    }

    private static String fileName(HttpSender.Response r) {
        String disposition = r.header("Content-Disposition");
        if (disposition != null) {
            Matcher star = FILENAME_STAR.matcher(disposition);
            if (star.find()) {
                return java.net.URLDecoder.decode(star.group(1).trim(), StandardCharsets.UTF_8);
            }
            Matcher plain = FILENAME.matcher(disposition);
            if (plain.find()) {
                return plain.group(1).trim();
            }
        }
        URI u = r.url();
        String path = u.getPath() == null ? "" : u.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.isEmpty() ? null : last;
    }

    static String text(HttpSender.Response r) {
        return new String(r.body(), charset(r));
    }

    private static Charset charset(HttpSender.Response r) {
        String type = r.header("Content-Type");
        if (type != null) {
            Matcher m = CHARSET.matcher(type);
            if (m.find()) {
                try {
                    return Charset.forName(m.group(1));
                } catch (RuntimeException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String contentType(HttpSender.Response r) {
        String t = r.header("Content-Type");
        return t == null ? "" : t.toLowerCase(Locale.ROOT);
    }

    private static boolean isBinary(String type) {
        return type.startsWith("image/")
                || type.startsWith("audio/")
                || type.startsWith("video/")
                || type.startsWith("application/octet-stream")
                || type.startsWith("application/pdf")
                || type.startsWith("application/zip")
                || type.startsWith("application/gzip")
                || type.contains("msword")
                || type.contains("officedocument")
                || type.startsWith("font/");
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "";
        };
    }
}
