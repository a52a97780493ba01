package io.subito.examples;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A Maven dependency as a README snippet or an example module's pom declares it: what a user
 * copies must be what the build uses, exclusions and scope included. The version is compared
 * apart (a pom names it by property), so {@link #declaration()} keeps only whether one is given.
 */
record Dependency(String groupId, String artifactId, String version, String scope, TreeSet<String> exclusions) {

    /** The dependencies (and, as {@code parents}, the parent POMs) of a README XML block. */
    static List<Dependency> inSnippet(String xml, List<Dependency> parents) {
        Element root = parse("<snippet>" + xml + "</snippet>", "a README xml block:\n" + xml);
        for (Element p : descendants(root, "parent")) {
            parents.add(of(p));
        }
        return descendants(root, "dependency").stream().map(Dependency::of).toList();
    }

    /** The dependencies a pom declares for its module (not its dependencyManagement). */
    static List<Dependency> declaredIn(Path pom) throws IOException {
        Element project = parse(Files.readString(pom), pom.toString());
        List<Dependency> out = new ArrayList<>();
        for (Element deps : children(project, "dependencies")) {
            for (Element d : children(deps, "dependency")) {
                out.add(of(d));
            }
        }
        return out;
    }

    String coordinates() {
        return groupId + ":" + artifactId;
    }

    /** This dependency with its version reduced to whether it is given. */
    Dependency declaration() {
        return new Dependency(groupId, artifactId, version == null ? null : "(given)", scope, exclusions);
    }

    private static Dependency of(Element d) {
        TreeSet<String> exclusions = new TreeSet<>();
        for (Element list : children(d, "exclusions")) {
            for (Element e : children(list, "exclusion")) {
                exclusions.add(text(e, "groupId") + ":" + text(e, "artifactId"));
            }
        }
        return new Dependency(text(d, "groupId"), text(d, "artifactId"), text(d, "version"), text(d, "scope"), exclusions);
    }

    private static Element parse(String xml, String what) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("not well-formed XML: " + what + " (" + e.getMessage() + ")", e);
        }
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0).getTextContent().trim();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<Element> descendants(Element root, String name) {
        List<Element> out = new ArrayList<>();
        NodeList all = root.getElementsByTagName(name);
        for (int i = 0; i < all.getLength(); i++) {
            out.add((Element) all.item(i));
        }
        return out;
    }
}
