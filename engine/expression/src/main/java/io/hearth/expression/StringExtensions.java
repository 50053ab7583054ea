package io.hearth.expression;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** n8n's string extensions ({@code "x".toSnakeCase()}, {@code .hash()}, {@code .toDateTime()}...). */
final class StringExtensions {

    static final Set<String> NAMES = Set.of(
            "hash",
            "removeMarkdown",
            "removeTags",
            "toDate",
            "toDateTime",
            "toBoolean",
            "toDecimalNumber",
            "toNumber",
            "toFloat",
            "toInt",
            "toWholeNumber",
            "toSentenceCase",
            "toSnakeCase",
            "toTitleCase",
            "toCamelCase",
            "urlDecode",
            "urlEncode",
            "quote",
            "replaceSpecialChars",
            "length",
            "isDomain",
            "isEmail",
            "isNumeric",
            "isUrl",
            "isEmpty",
            "isNotEmpty",
            "toJsonString",
            "extractEmail",
            "extractDomain",
            "extractUrl",
            "extractUrlPath",
            "parseJson",
            "base64Encode",
            "base64Decode");

    /** Currency symbols n8n strips before toInt/toFloat/toNumber ({@code "$1,000"}). */
    private static final Pattern CURRENCY = Pattern.compile(
            "(Lek|؋|\\$|ƒ|₼|Br|BZ\\$|\\$b|KM|P|лв|R\\$|៛|¥|₡|kn|₱|Kč|kr|RD\\$|£|€|¢|Q|L|Ft|₹|Rp|﷼|₪|J\\$|₩|₭|ден|RM|₨|₮|MT|C\\$|₦|B/\\.|Gs|S/\\.|zł|lei|₽|Дин\\.|S|R|CHF|NT\\$|฿|TT\\$|₺|₴|\\$U|Bs|₫|Z\\$)");

    private static final String DOMAIN_PART =
            "((?:www\\.)?(?:(?:[-\\w]+\\.)+(?:[a-zA-Z]{2,}|xn--[a-zA-Z0-9]+)|localhost|\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}))";
    private static final Pattern DOMAIN_EXTRACT = Pattern.compile(
            "^(?:(?:https?|ftp)://)?(?:mailto:)?(?://)?" + DOMAIN_PART
                    + "(?::\\d+)?(?:/[^\\s?]*)?(?:\\?[^\\s#]*)?(?:#\\S*)?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DOMAIN = Pattern.compile(
            "^(?:www\\.)?((?:(?:[-\\w]+\\.)+(?:[a-zA-Z]{2,}|xn--[a-zA-Z0-9]+)|localhost|\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}))"
                    + "(?::\\d+)?(?:/[^\\s?]*)?(?:\\?[^\\s#]*)?(?:#\\S*)?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EMAIL = Pattern.compile(
            "(([^<>()\\[\\]\\\\.,;:\\s@\"]+(\\.[^<>()\\[\\]\\\\.,;:\\s@\"]+)*)|(\".+\"))@(?<domain>(\\[[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}])|(([a-zA-Z\\-0-9]+\\.)+[a-zA-Z]{2,}))");
    private static final String URL_BODY =
            "(?:(?:https?|ftp)://)(?:www\\.)?((?:(?:[-\\w]+\\.)+(?:[a-zA-Z]{2,}|xn--[a-zA-Z0-9]+)|localhost|\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}))"
                    + "(?::\\d+)?(?:/[^\\s?#]*)?(?:\\?[^\\s#]*)?(?=([^\\s]+#.*)?)#?[^\\s]*";
    private static final Pattern URL_EXACT = Pattern.compile("^" + URL_BODY + "$", Pattern.CASE_INSENSITIVE);
    private static final Pattern URL = Pattern.compile(URL_BODY, Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("<[^>]*>?", Pattern.MULTILINE);
    private static final Pattern LETTER = Pattern.compile("\\p{L}");
    private static final Pattern SENTENCE_END = Pattern.compile("[!?.]");
    private static final Pattern SNAKE_PUNCTUATION =
            Pattern.compile("[\\u2000-\\u206F\\u2E00-\\u2E7F\\\\'!\"#$%&()*+,./:;<=>?@\\[\\]^`{|}~]");

    /** n8n's removeMarkdown: these replacements, in this order (JavaScript regular expressions). */
    private static final String[][] MARKDOWN = {
        {"^([\\s\\t]*)([*\\-+]|\\d\\.)\\s+", "gm", "$1"},
        {"\\n={2,}", "g", "\n"},
        {"~~", "g", ""},
        {"`{3}.*\\n", "g", ""},
        {"<[\\w|\\s|=|'|\"|:|(|)|,|;|/|0-9|.|-]+[>|\\\\>]", "g", ""},
        {"^[=-]{2,}\\s*$", "g", ""},
        {"\\[\\^.+?\\](: .*?$)?", "g", ""},
        {"\\s{0,2}\\[.*?\\]: .*?$", "g", ""},
        {"!\\[.*?\\][\\[(].*?[\\])]", "g", ""},
        {"\\[(.*?)\\][\\[(].*?[\\])]", "g", "$1"},
        {">", "g", ""},
        {"^\\s{1,2}\\[(.*?)\\]: (\\S+)( \".*?\")?\\s*$", "g", ""},
        {"^#{1,6}\\s*([^#]*)\\s*(#{1,6})?", "gm", "$1"},
        {"([*_]{1,3})(\\S.*?\\S)\\1", "g", "$2"},
        {"(`{3,})(.*?)\\1", "gm", "$2"},
        {"^-{3,}\\s*$", "g", ""},
        {"`(.+?)`", "g", "$1"},
        {"\\n{2,}", "g", "\n\n"},
    };

    private static final JsRegExp[] MARKDOWN_PATTERNS = new JsRegExp[MARKDOWN.length];

    static {
        for (int i = 0; i < MARKDOWN.length; i++) {
            MARKDOWN_PATTERNS[i] = JsRegExp.compile(MARKDOWN[i][0], MARKDOWN[i][1]);
        }
    }

    /** Letters transliteration maps to several; marks are stripped from the others. */
    private static final Map<Character, String> SPECIAL = Map.ofEntries(
            Map.entry('ß', "ss"),
            Map.entry('æ', "ae"),
            Map.entry('Æ', "AE"),
            Map.entry('ø', "o"),
            Map.entry('Ø', "O"),
            Map.entry('œ', "oe"),
            Map.entry('Œ', "OE"),
            Map.entry('đ', "d"),
            Map.entry('Đ', "D"),
            Map.entry('ł', "l"),
            Map.entry('Ł', "L"),
            Map.entry('þ', "th"),
            Map.entry('Þ', "TH"),
            Map.entry('ð', "d"),
            Map.entry('Ð', "D"));

    private StringExtensions() {}

    static Object call(EvalContext ctx, String s, String name, Object[] a) {
        Object a0 = JsOps.arg(a, 0);
        return switch (name) {
            case "length" -> (long) s.length();
            case "isEmpty" -> s.isEmpty();
            case "isNotEmpty" -> !s.isEmpty();
            case "hash" -> hash(ctx, s, a0);
            case "toNumber" -> {
                double d = JsNumbers.parse(stripCurrency(s));
                if (Double.isNaN(d)) {
                    throw new ExpressionException("cannot convert to number");
                }
                yield JsNumbers.box(d);
            }
            case "toInt", "toWholeNumber" -> {
                int radix = a0 == Undefined.INSTANCE ? 0 : JsNumbers.toInt32(JsOps.toNumber(a0));
                double d = JsNumbers.parseInt(stripCurrency(s), radix);
                if (Double.isNaN(d)) {
                    throw new ExpressionException("cannot convert to integer");
                }
                yield JsNumbers.box(d);
            }
            case "toFloat", "toDecimalNumber" -> {
                if (s.contains(",")) {
                    throw new ExpressionException("cannot convert to float, expected . as decimal separator");
                }
                double d = JsNumbers.parseFloat(stripCurrency(s));
                if (Double.isNaN(d)) {
                    throw new ExpressionException("cannot convert to float");
                }
                yield JsNumbers.box(d);
            }
            case "toBoolean" -> {
                String n = s.toLowerCase(Locale.ROOT);
                yield !n.isEmpty() && !n.equals("false") && !n.equals("no") && !n.equals("0");
            }
            case "toDate" -> toDate(s);
            case "toDateTime" -> toDateTime(ctx, s, a0);
            case "extractEmail" -> {
                Matcher m = EMAIL.matcher(s);
                yield m.find() ? m.group() : Undefined.INSTANCE;
            }
            case "extractUrl" -> {
                Matcher m = URL.matcher(s);
                yield m.find() ? m.group() : Undefined.INSTANCE;
            }
            case "extractDomain" -> extractDomain(s);
            case "extractUrlPath" -> extractUrlPath(s);
            case "isEmail" -> EMAIL.matcher(s).find() && !s.contains(" ");
            case "isUrl" -> URL_EXACT.matcher(s).find();
            case "isDomain" -> DOMAIN.matcher(s).find();
            case "isNumeric" ->
                !s.contains(" ") && !Double.isNaN(JsNumbers.parse(s)) && !Double.isNaN(JsNumbers.parseFloat(s));
            case "urlEncode" ->
                JsOps.truthy(a0) ? Uri.encode(s, Uri.URI_RESERVED_AND_UNESCAPED) : Uri.encode(s, Uri.URI_UNESCAPED);
            case "urlDecode" -> JsOps.truthy(a0) ? Uri.decode(s, Uri.URI_RESERVED_AND_HASH) : Uri.decode(s, "");
            case "base64Encode" -> {
                ctx.allocateString(s.length() * 4L);
                yield Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
            }
            case "base64Decode" -> base64Decode(s);
            case "toTitleCase" -> WordCase.title(s);
            case "toSentenceCase" -> sentenceCase(s);
            case "toSnakeCase" ->
                SNAKE_PUNCTUATION
                        .matcher(s.toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_'))
                        .replaceAll("");
            case "toCamelCase" -> WordCase.camel(s);
            case "removeTags" -> TAG.matcher(s).replaceAll("");
            case "removeMarkdown" -> removeMarkdown(ctx, s);
            case "quote" -> {
                String mark = a0 == Undefined.INSTANCE ? "\"" : JsOps.toStr(ctx, a0);
                ctx.allocateString(s.length() * 2L + 2);
                String body = s.replace("\\", "\\\\");
                yield mark + (mark.isEmpty() ? body : body.replace(mark, "\\" + mark)) + mark;
            }
            case "replaceSpecialChars" -> replaceSpecialChars(s);
            case "parseJson" -> {
                try {
                    yield JsonParser.parse(ctx, s);
                } catch (JsThrow e) {
                    throw new ExpressionException(
                            s.contains("'") ? "Parsing failed. Check you're using double quotes" : "Parsing failed");
                }
            }
            case "toJsonString" -> Json.stringify(ctx, s, Undefined.INSTANCE);
            default -> Members.NOT_FOUND;
        };
    }

    private static String stripCurrency(String s) {
        return CURRENCY.matcher(s).replaceAll("");
    }

    private static String hash(EvalContext ctx, String s, Object algorithmArg) {
        String algorithm = algorithmArg == Undefined.INSTANCE
                ? "md5"
                : JsOps.toStr(ctx, algorithmArg).toLowerCase(Locale.ROOT);
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        ctx.steps(bytes.length / 16);
        String digest = switch (algorithm) {
            case "base64" -> null;
            case "md5" -> "MD5";
            case "sha1" -> "SHA-1";
            case "sha224" -> "SHA-224";
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            case "sha3" -> "SHA3-512";
            default ->
                throw new ExpressionException("Unknown algorithm " + algorithm
                        + ". Available algorithms are: md5,sha1,sha224,sha256,sha384,sha512,sha3, and Base64.");
        };
        if (digest == null) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(digest).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(digest + " is part of every JDK", e);
        }
    }

    /** n8n's toDate: Date.parse, at midnight (local) when the text has no time. */
    private static Object toDate(String s) {
        ZonedDateTime t = JsDateParser.parse(s);
        if (t == null) {
            throw new ExpressionException("cannot convert to date");
        }
        if (!s.contains(":")) {
            t = t.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        }
        return DateTimeValue.jsDate(t);
    }

    /**
     * n8n's toDateTime: a unix timestamp format ('ms', 's', 'us', 'excel'), a Luxon format, or by
     * default ISO, HTTP, RFC 2822, SQL and finally whatever Date.parse reads.
     */
    private static Object toDateTime(EvalContext ctx, String s, Object formatArg) {
        String format = formatArg == Undefined.INSTANCE ? "" : JsOps.toStr(ctx, formatArg);
        if (!format.isEmpty()) {
            if (format.equals("ms") || format.equals("s") || format.equals("us") || format.equals("excel")) {
                return NumberMethods.toDateTime(ctx, JsNumbers.parse(s), format);
            }
            ZonedDateTime t = LuxonParse.parse(s, format, ctx.defaultZone(), false);
            return t == null ? DateTimeValue.invalid("unparsable") : DateTimeValue.of(t);
        }
        String text = s.strip();
        ZonedDateTime t = LuxonParse.parseIso(text, ctx.defaultZone(), true);
        if (t == null) {
            t = LuxonParse.parseRfc(text);
        }
        if (t == null) {
            ZonedDateTime parsed = JsDateParser.parse(text);
            t = parsed == null ? null : parsed.withZoneSameInstant(ctx.defaultZone());
        }
        if (t == null) {
            throw new ExpressionException("cannot convert to Luxon DateTime");
        }
        return DateTimeValue.of(t);
    }

    private static Object extractDomain(String s) {
        Matcher email = EMAIL.matcher(s);
        if (email.find() && !s.contains(" ")) {
            return email.group("domain");
        }
        Matcher m = DOMAIN_EXTRACT.matcher(s);
        return m.find() ? m.group(1) : Undefined.INSTANCE;
    }

    /** WHATWG URL's pathname; undefined when the text is not an absolute URL. */
    private static Object extractUrlPath(String s) {
        try {
            URI uri = new URI(s.strip());
            if (uri.getScheme() == null) {
                return Undefined.INSTANCE;
            }
            if (uri.isOpaque()) {
                return uri.getRawSchemeSpecificPart();
            }
            String path = uri.getRawPath();
            return path == null || path.isEmpty() ? "/" : path;
        } catch (URISyntaxException e) {
            return Undefined.INSTANCE;
        }
    }

    private static String base64Decode(String s) {
        String clean = s.replace('-', '+').replace('_', '/').replaceAll("[^A-Za-z0-9+/]", "");
        while (clean.length() % 4 != 0) {
            clean = clean.length() % 4 == 1 ? clean.substring(0, clean.length() - 1) : clean + "=";
        }
        return new String(Base64.getDecoder().decode(clean), StandardCharsets.UTF_8);
    }

    private static String removeMarkdown(EvalContext ctx, String s) {
        String out = s;
        for (int i = 0; i < MARKDOWN.length; i++) {
            out = (String) StringMethods.replace(ctx, out, MARKDOWN_PATTERNS[i], MARKDOWN[i][2], false);
        }
        return out;
    }

    /** n8n's toSentenceCase: each sentence's first letter upper case, the rest lower case. */
    private static String sentenceCase(String value) {
        String current = value;
        StringBuilder buffer = new StringBuilder();
        while (true) {
            Matcher letter = LETTER.matcher(current);
            if (!letter.find()) {
                break;
            }
            int at = letter.start();
            current = current.substring(0, at)
                    + current.substring(at, at + 1).toUpperCase(Locale.ROOT)
                    + current.substring(at + 1).toLowerCase(Locale.ROOT);
            Matcher end = SENTENCE_END.matcher(current);
            if (!end.find()) {
                buffer.append(current);
                current = "";
                break;
            }
            buffer.append(current, 0, end.start() + 1);
            current = current.substring(end.start() + 1);
        }
        return buffer.toString();
    }

    private static String replaceSpecialChars(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String special = SPECIAL.get(c);
            sb.append(special != null ? special : String.valueOf(c));
        }
        return Normalizer.normalize(sb, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
    }
}
