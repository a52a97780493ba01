package io.subito.deploy;

import io.subito.deploy.descriptor.DescriptorException;
import io.subito.deploy.descriptor.Fragment;
import io.subito.deploy.descriptor.FragmentConflicts;
import io.subito.deploy.descriptor.WebXml;
import io.subito.deploy.descriptor.WebXmlMerger;
import io.subito.deploy.scan.AnnotationReader;
import io.subito.deploy.scan.ClassIndex;
import io.subito.deploy.scan.ClassInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads every class file of the webapp once into a {@link ClassIndex} (needed for
 * {@code @HandlesTypes} whatever metadata-complete says), then merges descriptors and
 * annotations in precedence order: web.xml, fragment descriptors in order, the annotations of
 * {@code WEB-INF/classes}, then those of each fragment jar not marked metadata-complete. A
 * metadata-complete web.xml stands alone: neither fragments nor annotations are merged.
 */
final class AnnotationScan {
    static final String CLASSES = "WEB-INF/classes";

    private AnnotationScan() {
    }

    /** Jars are read in parallel (most of a large app's deploy time), then added in class path order. */
    static ClassIndex index(Path webappDir, WebAppDescriptors d, ClassLoader loader) throws IOException {
        ClassIndex index = new ClassIndex(loader);
        index.addDirectory(webappDir.resolve(CLASSES), CLASSES);
        List<Fragment> jars = d.fragments();
        List<List<ClassInfo>> read;
        try {
            read = jars.parallelStream().map(AnnotationScan::readJar).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        read.forEach(index::addAll);
        return index;
    }

    private static List<ClassInfo> readJar(Fragment f) {
        try {
            return ClassIndex.readJar(f.jar(), f.jarName());
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("WEB-INF/lib/" + f.jarName() + ": " + e.getMessage(), e));
        }
    }

    static WebXml merge(WebAppDescriptors d, ClassIndex index) throws DescriptorException {
        WebXmlMerger merger = new WebXmlMerger(d.webXml());
        if (d.scanAnnotations()) {
            // a metadata-complete web.xml is the whole description: fragments' descriptors are not read either
            List<WebXml> fragments = d.fragments().stream().map(Fragment::descriptor).filter(Objects::nonNull).toList();
            FragmentConflicts.check(d.webXml(), fragments);
            fragments.forEach(f -> merger.add(f, true));
            AnnotationReader reader = new AnnotationReader();
            merger.add(reader.read(from(index, CLASSES), CLASSES), false);
            for (Fragment f : d.fragments()) {
                if (!f.metadataComplete()) {
                    merger.add(reader.read(from(index, f.jarName()), f.jarName()), false);
                }
            }
        }
        return merger.result();
    }

    private static List<ClassInfo> from(ClassIndex index, String origin) {
        return index.all().stream().filter(c -> c.origin().equals(origin)).toList();
    }
}
