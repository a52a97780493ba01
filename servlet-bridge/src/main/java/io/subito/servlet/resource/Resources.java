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
    private final ClassLoader loader;

    public Resources(Path base, ClassLoader loader) {
        this.base = base == null ? null : base.toAbsolutePath().normalize();
        this.loader = loader;
    }

    /** The file under the base directory for a "/..." path, or null when it would escape. */
    public Path file(String path) {
        if (base == null || path == null) {
            return null;
        }
        String rel = path.startsWith("/") ? path.substring(1) : path;
        if (rel.indexOf('\0') >= 0 || rel.indexOf('\\') >= 0) {
            return null;
        }
        Path p = base.resolve(rel).normalize();
        return p.startsWith(base) ? p : null;
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
        if (loader == null) {
            return;
        }
        try {
            Enumeration<URL> urls = loader.getResources(JAR_PREFIX + d);
            while (urls.hasMoreElements()) {
                URL u = urls.nextElement();
                URLConnection c = u.openConnection();
                if (c instanceof JarURLConnection jc) {
                    jc.setUseCaches(false);
                    try (JarFile jar = jc.getJarFile()) {
                        String prefix = JAR_PREFIX + d;
                        Enumeration<JarEntry> entries = jar.entries();
                        while (entries.hasMoreElements()) {
                            String n = entries.nextElement().getName();
                            if (n.startsWith(prefix) && n.length() > prefix.length()) {
                                String rest = n.substring(prefix.length());
                                int slash = rest.indexOf('/');
                                out.add(d + (slash < 0 ? rest : rest.substring(0, slash + 1)));
                            }
                        }
                    }
                } else if ("file".equals(u.getProtocol())) {
                    Path dirPath = Path.of(u.toURI());
                    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dirPath)) {
                        for (Path child : ds) {
                            out.add(d + child.getFileName() + (Files.isDirectory(child) ? "/" : ""));
                        }
                    }
                }
            }
        } catch (IOException | java.net.URISyntaxException ignored) {
            // jars that cannot be listed contribute nothing
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
