package io.subito.deploy;

import io.subito.deploy.descriptor.DescriptorException;
import io.subito.deploy.descriptor.DescriptorParser;
import io.subito.deploy.descriptor.Fragment;
import io.subito.deploy.descriptor.FragmentOrdering;
import io.subito.deploy.descriptor.WebXml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The descriptors of an unpacked webapp: {@code WEB-INF/web.xml} (null when absent) and every
 * jar of {@code WEB-INF/lib} as a fragment, in contribution order, those left out by an
 * absolute ordering kept apart (they are neither scanned nor asked for initializers).
 */
public record WebAppDescriptors(WebXml webXml, List<Fragment> fragments, List<Fragment> excluded) {
    static final String WEB_XML = "WEB-INF/web.xml";
    static final String FRAGMENT_XML = "META-INF/web-fragment.xml";

    public static WebAppDescriptors read(Path webappDir) throws DescriptorException, IOException {
        DescriptorParser parser = new DescriptorParser();
        WebXml main = null;
        Path webXml = webappDir.resolve(WEB_XML);
        if (Files.isRegularFile(webXml)) {
            try (InputStream in = Files.newInputStream(webXml)) {
                main = parser.parseWebXml(in, WEB_XML);
            }
        }
        List<Fragment> jars = new ArrayList<>();
        for (Path jar : WebAppClassLoader.libJars(webappDir)) {
            jars.add(new Fragment(jar.getFileName().toString(), jar, fragmentOf(parser, jar)));
        }
        List<Fragment> ordered = FragmentOrdering.order(main, jars);
        List<Fragment> excluded = new ArrayList<>(jars);
        excluded.removeAll(ordered);
        return new WebAppDescriptors(main, ordered, excluded);
    }

    private static WebXml fragmentOf(DescriptorParser parser, Path jar) throws DescriptorException, IOException {
        String source = "WEB-INF/lib/" + jar.getFileName() + "!/" + FRAGMENT_XML;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry e = zip.getEntry(FRAGMENT_XML);
            if (e == null) {
                return null;
            }
            try (InputStream in = zip.getInputStream(e)) {
                return parser.parseFragment(in, source);
            }
        } catch (java.util.zip.ZipException e) {
            throw new DescriptorException("WEB-INF/lib/" + jar.getFileName() + " is not a readable jar: " + e.getMessage(), e);
        }
    }

    /**
     * Whether fragment descriptors and annotations count at all: not when web.xml says it is
     * complete (Servlet 6.1 section 8.1: neither annotations nor web fragments are examined then).
     */
    public boolean scanAnnotations() {
        return webXml == null || !webXml.isMetadataCompleteEffective();
    }
}
