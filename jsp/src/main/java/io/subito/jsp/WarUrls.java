package io.subito.jsp;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;

/**
 * Tomcat's {@code war:} URLs, {@code war:<archive>*&#47;<entry>}, which Jasper's jar scanning
 * writes for a jar inside another archive: a tag library in a Spring Boot executable jar's
 * {@code BOOT-INF/lib/x.jar} is {@code jar:war:nested:/app.jar/!BOOT-INF/lib/x.jar*&#47;!/META-INF/c.tld}.
 * The JDK has no handler for them; Tomcat registers one as the JVM's URL stream handler
 * factory, and so does this, for {@code war} only (every other protocol keeps its handler), when
 * no factory is set yet.
 */
final class WarUrls {
    private static final System.Logger LOG = System.getLogger(WarUrls.class.getName());
    private static boolean tried;

    private WarUrls() {
    }

    /** Makes {@code war:} URLs readable, once per JVM; a factory set by someone else is left alone. */
    static synchronized void register() {
        if (tried) {
            return;
        }
        tried = true;
        try {
            new URL("war:file:/a.war*/b.jar");
            return; // known already (Tomcat's factory, say)
        } catch (MalformedURLException unknown) {
            // register below
        }
        try {
            URL.setURLStreamHandlerFactory(protocol -> "war".equals(protocol) ? new Handler() : null);
        } catch (Error alreadySet) {
            LOG.log(System.Logger.Level.WARNING, "JSP tag libraries in jars nested in another archive cannot be read:"
                    + " the JVM's URL stream handler factory is set already, without war: URLs");
        }
    }

    /** {@code war:<archive>*&#47;<entry>} read as {@code jar:<archive>!/<entry>}; without an entry, the archive itself. */
    static final class Handler extends URLStreamHandler {
        @Override
        protected URLConnection openConnection(URL u) throws IOException {
            String s = u.toExternalForm().substring("war:".length());
            int sep = s.indexOf("*/");
            if (sep < 0) {
                throw new MalformedURLException("a war: URL without its */ separator: " + u);
            }
            String archive = s.substring(0, sep);
            String entry = s.substring(sep + 2);
            return new URL(entry.isEmpty() ? archive : "jar:" + archive + "!/" + entry).openConnection();
        }
    }
}
