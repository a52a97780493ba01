package io.subito.deploy.descriptor;

import static io.subito.deploy.descriptor.Dom.child;
import static io.subito.deploy.descriptor.Dom.children;
import static io.subito.deploy.descriptor.Dom.text;
import static io.subito.deploy.descriptor.Dom.texts;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/** Reads {@code <jsp-config>} and the 2.3 descriptors' top-level {@code <taglib>} elements. */
final class JspConfigReader {
    private JspConfigReader() {
    }

    /** Null when the descriptor configures nothing for JSPs. */
    static JspConfig read(Element root, WebXml w) throws DescriptorException {
        Element config = child(root, "jsp-config");
        List<Element> taglibElements = new ArrayList<>(children(root, "taglib"));
        if (config != null) {
            taglibElements.addAll(children(config, "taglib"));
        }
        if (config == null && taglibElements.isEmpty()) {
            return null;
        }
        List<JspConfig.Taglib> taglibs = new ArrayList<>();
        for (Element t : taglibElements) {
            taglibs.add(new JspConfig.Taglib(DescriptorParser.required(t, "taglib-uri", w), DescriptorParser.required(t, "taglib-location", w)));
        }
        List<JspConfig.PropertyGroup> groups = new ArrayList<>();
        if (config != null) {
            for (Element g : children(config, "jsp-property-group")) {
                groups.add(propertyGroup(g));
            }
        }
        return new JspConfig(taglibs, groups);
    }

    private static JspConfig.PropertyGroup propertyGroup(Element g) {
        return new JspConfig.PropertyGroup(texts(g, "url-pattern"), text(g, "el-ignored"),
                text(g, "error-on-el-not-found"), text(g, "page-encoding"), text(g, "scripting-invalid"),
                text(g, "is-xml"), texts(g, "include-prelude"), texts(g, "include-coda"),
                text(g, "deferred-syntax-allowed-as-literal"), text(g, "trim-directive-whitespaces"),
                text(g, "default-content-type"), text(g, "buffer"), text(g, "error-on-undeclared-namespace"));
    }
}
