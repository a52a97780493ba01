package io.subito.deploy.scan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The class files of a webapp ({@code WEB-INF/classes} and each jar of {@code WEB-INF/lib}),
 * read with ASM and kept as {@link ClassInfo}s. Answers the {@code @HandlesTypes} question
 * (which classes extend, implement or carry a type) by walking the type graph; a supertype that
 * lives outside the webapp (in the container, say {@code HttpServlet}) is read on demand from the
 * webapp class loader's resources, still without loading it.
 */
public final class ClassIndex {
    private final Map<String, ClassInfo> classes = new LinkedHashMap<>();
    private final Map<String, Optional<ClassInfo>> outside = new HashMap<>();
    private final ClassLoader resources;

    /** @param resources where supertypes not in the webapp are looked up (the webapp's loader) */
    public ClassIndex(ClassLoader resources) {
        this.resources = resources;
    }

    /** Reads every class file under a directory such as {@code WEB-INF/classes}. */
    public void addDirectory(Path dir, String origin) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.filter(ClassIndex::isClassFile)::iterator) {
                add(Files.readAllBytes(p), origin);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Reads every class file of a jar (the base version of a multi-release jar). */
    public void addJar(Path jar, String origin) throws IOException {
        addAll(readJar(jar, origin));
    }

    /**
     * Reads a jar's class files without touching the index, so several jars can be read in
     * parallel and then added in class path order with {@link #addAll}.
     */
    public static List<ClassInfo> readJar(Path jar, String origin) throws IOException {
        List<ClassInfo> out = new java.util.ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String n = e.getName();
                if (!e.isDirectory() && n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class")) {
                    try (InputStream in = zip.getInputStream(e)) {
                        out.add(read(in.readAllBytes(), origin));
                    }
                }
            }
        }
        return out;
    }

    /** Adds classes read elsewhere; a class already present (earlier on the class path) wins. */
    public void addAll(List<ClassInfo> infos) {
        for (ClassInfo info : infos) {
            classes.putIfAbsent(info.name(), info);
        }
    }

    private static boolean isClassFile(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".class") && !n.equals("module-info.class") && !n.equals("package-info.class")
                && Files.isRegularFile(p);
    }

    private void add(byte[] bytes, String origin) throws IOException {
        ClassInfo info = read(bytes, origin);
        classes.putIfAbsent(info.name(), info); // the first on the class path wins, as for loading
    }

    private static ClassInfo read(byte[] bytes, String origin) throws IOException {
        try {
            return ClassFileReader.read(bytes, origin);
        } catch (RuntimeException e) {
            // a class file ASM cannot read (a newer format, garbage) cannot be an app component either
            throw new IOException("unreadable class file in " + origin + ": " + e, e);
        }
    }

    public Collection<ClassInfo> all() {
        return classes.values();
    }

    public ClassInfo get(String name) {
        return classes.get(name);
    }

    /** The classes of the webapp that extend or implement {@code type}, or carry it as an annotation. */
    public Set<String> handledBy(String type, boolean isAnnotation) {
        Set<String> out = new LinkedHashSet<>();
        Map<String, Boolean> memo = new HashMap<>();
        for (ClassInfo c : classes.values()) {
            if (c.name().equals(type)) {
                continue;
            }
            if (isAnnotation ? c.hasAnnotationAnywhere(type) : isSubtype(c.name(), type, memo)) {
                out.add(c.name());
            }
        }
        return out;
    }

    /** Whether {@code c} has {@code type} among its supertypes, however far up. */
    public boolean isSubtype(ClassInfo c, String type) {
        return !c.name().equals(type) && isSubtype(c.name(), type, new HashMap<>());
    }

    /**
     * Depth-first over superclass and interfaces, remembering every answer (shared supertypes are
     * walked once per query, not once per class). The JDK's own hierarchy is not entered unless
     * the type asked for is a JDK type: an app's class cannot reach an app type through it.
     */
    private boolean isSubtype(String name, String type, Map<String, Boolean> memo) {
        if (name.equals(type)) {
            return true;
        }
        Boolean known = memo.get(name);
        if (known != null) {
            return known;
        }
        memo.put(name, false); // guards against a (malformed) cycle
        boolean result = false;
        boolean enter = !name.equals("java.lang.Object") && (!name.startsWith("java.") || type.startsWith("java."));
        ClassInfo c = enter ? lookup(name) : null;
        if (c != null) {
            result = c.superName() != null && isSubtype(c.superName(), type, memo);
            for (int i = 0; !result && i < c.interfaces().size(); i++) {
                result = isSubtype(c.interfaces().get(i), type, memo);
            }
        }
        memo.put(name, result);
        return result;
    }

    /** A class of the webapp, or one its loader can see (read, not loaded); null when unknown. */
    public ClassInfo find(String name) {
        return lookup(name);
    }

    private ClassInfo lookup(String name) {
        ClassInfo c = classes.get(name);
        if (c != null) {
            return c;
        }
        return outside.computeIfAbsent(name, this::readOutside).orElse(null);
    }

    private Optional<ClassInfo> readOutside(String name) {
        try (InputStream in = resources.getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in == null ? Optional.empty() : Optional.of(ClassFileReader.read(in.readAllBytes(), "(outside)"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // an unreadable supertype just ends that branch of the walk
        }
    }
}
