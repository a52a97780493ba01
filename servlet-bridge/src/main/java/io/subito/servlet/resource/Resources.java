package io.subito.servlet.resource;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * A context's static resources: the base directory first, then {@code META-INF/resources} in
 * the jars of the web-app class loader (Servlet 6.1 section 4.6). Paths never leave the base.
 */
public final class Resources {
    private static final String JAR_PREFIX = "META-INF/resources";

    private final Path base;
    /** The base with every symbolic link resolved, found once (the base itself may sit under a link). */
    private volatile Path realBase;
    private final ClassLoader loader;

    public Resources(Path base, ClassLoader loader) {
        this.base = base == null ? null : base.toAbsolutePath().normalize();
        this.loader = loader;
    }

    /**
     * The file under the base directory for a "/..." path, or null when it would escape. A path
     * that goes through a symbolic link inside the base is refused too, as Tomcat does by default
     * (allowLinking=false): a link could lead out of the application, or into WEB-INF under a
     * name the default servlet's WEB-INF check does not see.
     */
    public Path file(String path) {
        if (base == null || path == null) {
            return null;
        }
        String rel = path.startsWith("/") ? path.substring(1) : path;
        if (rel.indexOf('\0') >= 0 || rel.indexOf('\\') >= 0) {
            return null;
        }
        Path p = base.resolve(rel).normalize();
        return p.startsWith(base) && !throughLink(p) ? p : null;
    }

    /** Whether an existing {@code p} reaches its file through a symbolic link below the base. */
    private boolean throughLink(Path p) {
        Path real;
        try {
            real = p.toRealPath();
        } catch (java.nio.file.NoSuchFileException e) {
            return false; // nothing there to serve; callers see that it does not exist
        } catch (IOException e) {
            return true;
        }
        Path rb = realBase();
        return rb == null || !real.equals(rb.resolve(base.relativize(p)));
    }

    private Path realBase() {
        Path rb = realBase;
        if (rb == null) {
            try {
                rb = base.toRealPath();
                realBase = rb;
            } catch (IOException e) {
                return null;
            }
        }
        return rb;
    }

    public boolean isFile(String path) {
        Path p = file(path);
        if (p != null && Files.isRegularFile(p)) {
            return true;
        }
        URL u = jarUrl(path);
        return u != null && !path.endsWith("/");
    }

    public URL url(String path) throws MalformedURLException {
        Path p = file(path);
        if (p != null && Files.exists(p)) {
            return p.toUri().toURL();
        }
        return jarUrl(path);
    }

    private URL jarUrl(String path) {
        if (loader == null || path.contains("..")) {
            return null;
        }
        String name = JAR_PREFIX + path;
        if (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        return loader.getResource(name);
    }

    public InputStream open(String path) {
        try {
            Path p = file(path);
            if (p != null && Files.isRegularFile(p)) {
                return Files.newInputStream(p);
            }
            URL u = jarUrl(path);
            return u == null ? null : u.openStream();
        } catch (IOException e) {
            return null;
        }
    }

    public String realPath(String path) {
        Path p = file(path);
        return p == null ? null : p.toString();
    }

    /** Direct children of a directory path, directories ending in '/'; null when there are none. */
    public Set<String> paths(String dir) {
        if (dir == null || !dir.startsWith("/")) {
            return null;
        }
        String d = dir.endsWith("/") ? dir : dir + "/";
        Set<String> out = new TreeSet<>();
        Path p = file(d);
        if (p != null && Files.isDirectory(p)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                for (Path child : ds) {
                    out.add(d + child.getFileName() + (Files.isDirectory(child) ? "/" : ""));
                }
            } catch (IOException ignored) {
                // an unreadable directory lists as empty
            }
        }
        addJarChildren(d, out);
        return out.isEmpty() ? null : out;
    }

    private void addJarChildren(String d, Set<String> out) {
        String prefix = JAR_PREFIX + d;
        for (Path jar : jars()) {
            try (JarFile jf = new JarFile(jar.toFile())) {
                Enumeration<JarEntry> entries = jf.entries();
                while (entries.hasMoreElements()) {
                    String n = entries.nextElement().getName();
                    if (n.startsWith(prefix) && n.length() > prefix.length()) {
                        String rest = n.substring(prefix.length());
                        int slash = rest.indexOf('/');
                        out.add(d + (slash < 0 ? rest : rest.substring(0, slash + 1)));
                    }
                }
            } catch (IOException ignored) {
                // an unreadable jar contributes nothing
            }
        }
        if (loader == null) {
            return;
        }
        try {
            Enumeration<URL> urls = loader.getResources(prefix);
            while (urls.hasMoreElements()) {
                URL u = urls.nextElement();
                if ("file".equals(u.getProtocol())) {
                    try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of(u.toURI()))) {
                        for (Path child : ds) {
                            out.add(d + child.getFileName() + (Files.isDirectory(child) ? "/" : ""));
                        }
                    }
                }
            }
        } catch (IOException | java.net.URISyntaxException | IllegalArgumentException ignored) {
            // exploded folders that cannot be listed contribute nothing
        }
    }

    private volatile List<Path> jars;

    /**
     * The web-app loader's own jars that hold META-INF/resources. Jars are found from the
     * loader's URLs because jar files often have no directory entries to look up.
     */
    private List<Path> jars() {
        List<Path> j = jars;
        if (j != null) {
            return j;
        }
        Set<Path> found = new java.util.LinkedHashSet<>();
        if (loader instanceof java.net.URLClassLoader ucl) {
            for (URL u : ucl.getURLs()) {
                addJar(found, u);
            }
        }
        if (loader != null) {
            try {
                Enumeration<URL> urls = loader.getResources(JAR_PREFIX + "/");
                while (urls.hasMoreElements()) {
                    URLConnection c = urls.nextElement().openConnection();
                    if (c instanceof JarURLConnection jc) {
                        addJar(found, jc.getJarFileURL());
                    }
                }
            } catch (IOException ignored) {
                // fall back to what the URLs gave
            }
        }
        List<Path> out = new java.util.ArrayList<>();
        for (Path p : found) {
            try (JarFile jf = new JarFile(p.toFile())) {
                if (jf.stream().anyMatch(e -> e.getName().startsWith(JAR_PREFIX + "/"))) {
                    out.add(p);
                }
            } catch (IOException ignored) {
                // not a jar
            }
        }
        jars = List.copyOf(out);
        return jars;
    }

    private static void addJar(Set<Path> found, URL u) {
        if ("file".equals(u.getProtocol()) && u.getPath().endsWith(".jar")) {
            try {
                found.add(Path.of(u.toURI()));
            } catch (java.net.URISyntaxException | IllegalArgumentException ignored) {
                // not a local file
            }
        }
    }

    /** Size and modification time of a resource, or null when it is not a file. */
    public record Info(long length, long lastModified) {
    }

    public Info info(String path) {
        try {
            Path p = file(path);
            if (p != null && Files.isRegularFile(p)) {
                return new Info(Files.size(p), Files.getLastModifiedTime(p).toMillis());
            }
            URL u = jarUrl(path);
            if (u == null) {
                return null;
            }
            URLConnection c = u.openConnection();
            c.setUseCaches(false);
            long len = c.getContentLengthLong();
            long mod = c.getLastModified();
            c.getInputStream().close();
            return len < 0 ? null : new Info(len, mod);
        } catch (IOException e) {
            return null;
        }
    }

    public boolean isDirectory(String path) {
        Path p = file(path);
        if (p != null && Files.isDirectory(p)) {
            return true;
        }
        if (loader == null) {
            return false;
        }
        URL u = loader.getResource(JAR_PREFIX + (path.endsWith("/") ? path : path + "/"));
        return u != null;
    }
}
