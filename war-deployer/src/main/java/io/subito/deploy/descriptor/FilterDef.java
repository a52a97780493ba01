package io.subito.deploy.descriptor;

import java.util.LinkedHashMap;
import java.util.Map;

/** A filter as declared by a {@code <filter>} element or a {@code @WebFilter} annotation. */
public final class FilterDef {
    public String name;
    public String className;
    public final Map<String, String> initParams = new LinkedHashMap<>();
    public Boolean asyncSupported;

    public FilterDef(String name) {
        this.name = name;
    }

    /** Fills what this definition leaves undeclared from {@code weaker}. */
    public void complementFrom(FilterDef weaker) {
        if (className == null) {
            className = weaker.className;
        }
        weaker.initParams.forEach(initParams::putIfAbsent);
        if (asyncSupported == null) {
            asyncSupported = weaker.asyncSupported;
        }
    }
}
