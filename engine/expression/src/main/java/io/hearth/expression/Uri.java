package io.hearth.expression;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** encodeURI(Component) and decodeURI(Component). */
final class Uri {

    static final String URI_UNESCAPED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()";
    static final String URI_RESERVED_AND_UNESCAPED = URI_UNESCAPED + ";/?:@&=+$,#";
    static final String URI_RESERVED_AND_HASH = ";/?:@&=+$,#";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Uri() {}

    static String encode(String s, String unescaped) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128 && unescaped.indexOf(c) >= 0) {
                sb.append(c);
                continue;
            }
            int cp;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                cp = Character.toCodePoint(c, s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                throw JsThrow.uriError("URI malformed");
            } else {
                cp = c;
            }
            for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                sb.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return sb.toString();
    }

    static String decode(String s, String keepEscaped) {
        StringBuilder sb = new StringBuilder(s.length());
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c != '%') {
                sb.append(c);
                i++;
                continue;
            }
            int start = i;
            int first = hexByte(s, i);
            if (first < 0x80) {
                char decoded = (char) first;
                if (keepEscaped.indexOf(decoded) >= 0) {
                    sb.append(s, i, i + 3);
                } else {
                    sb.append(decoded);
                }
                i += 3;
                continue;
            }
            int count = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : -1;
            if (count < 0) {
                throw JsThrow.uriError("URI malformed");
            }
            byte[] bytes = new byte[count];
            for (int k = 0; k < count; k++) {
                bytes[k] = (byte) hexByte(s, start + 3 * k);
            }
            try {
                sb.append(StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)));
            } catch (CharacterCodingException e) {
                throw JsThrow.uriError("URI malformed");
            }
            i = start + 3 * count;
        }
        return sb.toString();
    }

    private static int hexByte(String s, int i) {
        if (i + 2 >= s.length() || s.charAt(i) != '%') {
            throw JsThrow.uriError("URI malformed");
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
            throw JsThrow.uriError("URI malformed");
        }
        return hi * 16 + lo;
    }
}
