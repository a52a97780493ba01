package io.subito.deploy.descriptor;

import jakarta.servlet.descriptor.JspConfigDescriptor;
import jakarta.servlet.descriptor.JspPropertyGroupDescriptor;
import jakarta.servlet.descriptor.TaglibDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@code <jsp-config>} (and the top-level {@code <taglib>} of 2.3 descriptors), as
 * {@code ServletContext.getJspConfigDescriptor()} hands it to the JSP engine.
 */
public record JspConfig(List<Taglib> taglibs, List<PropertyGroup> propertyGroups) implements JspConfigDescriptor {
    public JspConfig {
        taglibs = List.copyOf(taglibs);
        propertyGroups = List.copyOf(propertyGroups);
    }

    @Override
    public Collection<TaglibDescriptor> getTaglibs() {
        return List.copyOf(taglibs);
    }

    @Override
    public Collection<JspPropertyGroupDescriptor> getJspPropertyGroups() {
        return List.copyOf(propertyGroups);
    }

    /**
     * The stronger source's taglibs and groups, plus the weaker's taglibs for URIs not declared
     * yet and all its groups (Servlet 6.1 section 8.2.3: such lists add up).
     */
    public static JspConfig merge(JspConfig strong, JspConfig weak) {
        if (strong == null || weak == null) {
            return strong != null ? strong : weak;
        }
        List<Taglib> libs = new ArrayList<>(strong.taglibs);
        for (Taglib t : weak.taglibs) {
            if (libs.stream().noneMatch(s -> s.uri().equals(t.uri()))) {
                libs.add(t);
            }
        }
        List<PropertyGroup> groups = new ArrayList<>(strong.propertyGroups);
        groups.addAll(weak.propertyGroups);
        return new JspConfig(libs, groups);
    }

    /** {@code <taglib>}: a tag library's URI and where its TLD is. */
    public record Taglib(String uri, String location) implements TaglibDescriptor {
        @Override
        public String getTaglibURI() {
            return uri;
        }

        @Override
        public String getTaglibLocation() {
            return location;
        }
    }

    /**
     * {@code <jsp-property-group>}. Settings are kept as their text ("true", "UTF-8", ...) or
     * null when absent, which is what the descriptor interface reports.
     */
    public record PropertyGroup(List<String> urlPatterns, String elIgnored, String errorOnElNotFound,
                                String pageEncoding, String scriptingInvalid, String isXml,
                                List<String> includePreludes, List<String> includeCodas,
                                String deferredSyntaxAllowedAsLiteral, String trimDirectiveWhitespaces,
                                String defaultContentType, String buffer, String errorOnUndeclaredNamespace)
            implements JspPropertyGroupDescriptor {
        public PropertyGroup {
            urlPatterns = List.copyOf(urlPatterns);
            includePreludes = List.copyOf(includePreludes);
            includeCodas = List.copyOf(includeCodas);
        }

        @Override
        public Collection<String> getUrlPatterns() {
            return urlPatterns;
        }

        @Override
        public String getElIgnored() {
            return elIgnored;
        }

        @Override
        public String getErrorOnELNotFound() {
            return errorOnElNotFound;
        }

        @Override
        public String getPageEncoding() {
            return pageEncoding;
        }

        @Override
        public String getScriptingInvalid() {
            return scriptingInvalid;
        }

        @Override
        public String getIsXml() {
            return isXml;
        }

        @Override
        public Collection<String> getIncludePreludes() {
            return includePreludes;
        }

        @Override
        public Collection<String> getIncludeCodas() {
            return includeCodas;
        }

        @Override
        public String getDeferredSyntaxAllowedAsLiteral() {
            return deferredSyntaxAllowedAsLiteral;
        }

        @Override
        public String getTrimDirectiveWhitespaces() {
            return trimDirectiveWhitespaces;
        }

        @Override
        public String getDefaultContentType() {
            return defaultContentType;
        }

        @Override
        public String getBuffer() {
            return buffer;
        }

        @Override
        public String getErrorOnUndeclaredNamespace() {
            return errorOnUndeclaredNamespace;
        }
    }
}
