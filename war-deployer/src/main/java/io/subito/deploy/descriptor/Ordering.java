package io.subito.deploy.descriptor;

import java.util.List;

/**
 * A fragment's relative {@code <ordering>}: names to come after and before, where
 * {@link #OTHERS} stands for {@code <others/>}.
 */
public record Ordering(List<String> after, List<String> before) {
    public static final String OTHERS = "\0others";

    public boolean afterOthers() {
        return after.contains(OTHERS);
    }

    public boolean beforeOthers() {
        return before.contains(OTHERS);
    }
}
