package id.slrt.dashboard.testing;

import java.util.UUID;

/**
 * Text no other test wrote: a random suffix of letters only. (A UUID's digits can line up into 16 with
 * dashes between them, which an annotation rightly refuses as a NIK.)
 */
public final class UniqueText {

    private UniqueText() {
    }

    public static String of(String prefix) {
        StringBuilder text = new StringBuilder(prefix).append(' ');
        for (char c : UUID.randomUUID().toString().replace("-", "").toCharArray()) {
            text.append(Character.isDigit(c) ? (char) ('g' + (c - '0')) : c);
        }
        return text.toString();
    }
}
