package io.hearth.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** n8n's toCamelCase and toTitleCase: text split into words and joined again. */
final class WordCase {

    private static final Set<String> SMALL_WORDS = Set.of(
            "a", "an", "and", "as", "at", "but", "by", "en", "for", "if", "in", "nor", "of", "on", "or", "per", "the",
            "to", "v", "vs", "via");

    private WordCase() {}

    /** Words for snake/camel case: split on non-alphanumerics and lower→upper boundaries. */
    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                if (!cur.isEmpty()) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
                continue;
            }
            if (Character.isUpperCase(c) && !cur.isEmpty() && Character.isLowerCase(cur.charAt(cur.length() - 1))) {
                out.add(cur.toString());
                cur.setLength(0);
            }
            cur.append(c);
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }

    static String camel(String s) {
        StringBuilder sb = new StringBuilder();
        for (String w : words(s)) {
            String lower = w.toLowerCase(Locale.ROOT);
            sb.append(sb.isEmpty() ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1));
        }
        return sb.toString();
    }

    static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int i = 0;
        boolean first = true;
        while (i < s.length()) {
            int end = i;
            while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
                end++;
            }
            String word = s.substring(i, end);
            if (!word.isEmpty()) {
                boolean small = !first && SMALL_WORDS.contains(word.toLowerCase(Locale.ROOT));
                sb.append(small ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
                first = false;
            }
            int blanks = end;
            while (blanks < s.length() && Character.isWhitespace(s.charAt(blanks))) {
                blanks++;
            }
            sb.append(s, end, blanks);
            i = blanks;
        }
        return sb.toString();
    }
}
