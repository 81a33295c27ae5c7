package io.github.ecsexecreadiness.iam;

import java.util.Arrays;
import java.util.Locale;

/**
 * An IAM action or resource pattern: {@code *} matches any run of characters (colons and slashes included),
 * {@code ?} any one character. In resources, a policy variable such as {@code ${aws:username}} stands for a
 * value only known at request time: it matches like {@code *} and marks the pattern as variable, so that a
 * match through it is only a possible match. {@code ${*}}, {@code ${?}} and {@code ${$}} are the literal
 * characters.
 */
final class WildcardPattern {
    private static final int ANY = -1;
    private static final int ONE = -2;

    private final int[] tokens;
    private final boolean variable;

    private WildcardPattern(int[] tokens, boolean variable) {
        this.tokens = tokens;
        this.variable = variable;
    }

    /** An action pattern: IAM compares actions case-insensitively, so callers match lower-cased actions. */
    static WildcardPattern action(String pattern) {
        return compile(pattern.toLowerCase(Locale.ROOT), false);
    }

    /** A resource pattern: case-sensitive, policy variables allowed. */
    static WildcardPattern resource(String pattern) {
        return compile(pattern, true);
    }

    private static WildcardPattern compile(String pattern, boolean variables) {
        int[] tokens = new int[pattern.length()];
        int n = 0;
        boolean variable = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            int end = variables && c == '$' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '{'
                    ? pattern.indexOf('}', i + 2) : -1;
            if (end > 0) {
                String name = pattern.substring(i + 2, end);
                switch (name) {
                    case "*", "?", "$" -> tokens[n++] = name.charAt(0);
                    default -> {
                        tokens[n++] = ANY;
                        variable = true;
                    }
                }
                i = end;
            } else {
                tokens[n++] = c == '*' ? ANY : c == '?' ? ONE : c;
            }
        }
        return new WildcardPattern(Arrays.copyOf(tokens, n), variable);
    }

    /** True if some value of the pattern's variables (if any) makes it match. */
    boolean matches(String value) {
        int t = 0;
        int v = 0;
        int starToken = -1;
        int starValue = 0;
        while (v < value.length()) {
            if (t < tokens.length && (tokens[t] == ONE || tokens[t] == value.charAt(v))) {
                t++;
                v++;
            } else if (t < tokens.length && tokens[t] == ANY) {
                starToken = t++;
                starValue = v;
            } else if (starToken >= 0) {
                // Let the last * swallow one more character and retry from there.
                t = starToken + 1;
                v = ++starValue;
            } else {
                return false;
            }
        }
        while (t < tokens.length && tokens[t] == ANY) {
            t++;
        }
        return t == tokens.length;
    }

    boolean variable() {
        return variable;
    }
}
