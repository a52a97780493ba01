package io.subito.deploy.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** The known name a mistyped one was most likely meant to be: the nearest by edit distance, if near enough. */
public final class ClosestKey {
    private ClosestKey() {
    }

    /**
     * The candidate fewest single-character edits away from {@code word} (ignoring case), when
     * that is at most a third of the word's length (and at least 2): {@code prot} gives
     * {@code port}, {@code colour} gives nothing.
     */
    public static Optional<String> of(String word, Collection<String> candidates) {
        String w = word.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, w.length() / 3);
        LevenshteinDistance distance = new LevenshteinDistance(limit); // -1 beyond the limit
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates.stream().sorted().toList()) {
            int d = distance.apply(w, c.toLowerCase(Locale.ROOT));
            if (d >= 0 && d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** " (did you mean X?)" with X the closest candidate as {@code shown} spells it, or nothing. */
    static String hint(String word, Collection<String> candidates, java.util.function.UnaryOperator<String> shown) {
        return of(word, candidates).map(c -> " (did you mean " + shown.apply(c) + "?)").orElse("");
    }
}
