package io.subito.servlet.registration;

import jakarta.servlet.Filter;

/**
 * A container filter that acts only on requests carrying an {@code Upgrade} header and passes
 * every other request straight to the rest of the chain, and that supports async. Leaving it out
 * of such a request's chain is then not observable (the application's filters and servlet run
 * the same, with the same async support), so the container does that: a request without
 * {@code Upgrade} through otherwise unfiltered servlets builds no filter chain.
 */
public interface UpgradeOnlyFilter extends Filter {
}
