package io.hearth.node.support;

/**
 * Whether text can go into an HTTP header value (or any single-line protocol field) unchanged: a CR or LF
 * would end the header and start another one the sender never meant (header injection).
 */
public final class HeaderText {

    private HeaderText() {}

    /** True when {@code text} holds a line break or another control character (U+0000–U+001F, U+007F–U+009F). */
    public static boolean hasControlCharacters(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
