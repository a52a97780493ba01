package io.subito.deploy;

import io.subito.deploy.descriptor.Fragment;
import io.subito.deploy.descriptor.WebXml;
import io.subito.deploy.descriptor.WebXmlMerger;
import io.subito.deploy.scan.AnnotationReader;
import io.subito.deploy.scan.ClassIndex;
import io.subito.deploy.scan.ClassInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads every class file of the webapp once into a {@link ClassIndex} (needed for
 * {@code @HandlesTypes} whatever metadata-complete says), then merges descriptors and
 * annotations in precedence order: web.xml, fragment descriptors in order, the annotations of
 * {@code WEB-INF/classes}, then those of each fragment jar not marked metadata-complete.
 */
final class AnnotationScan {
    static final String CLASSES = "WEB-INF/classes";

    private AnnotationScan() {
    }

    static ClassIndex index(Path webappDir, WebAppDescriptors d, ClassLoader loader) throws IOException {
        ClassIndex index = new ClassIndex(loader);
        index.addDirectory(webappDir.resolve(CLASSES), CLASSES);
        for (Fragment f : d.fragments()) {
            index.addJar(f.jar(), f.jarName());
        }
        return index;
    }

    static WebXml merge(WebAppDescriptors d, ClassIndex index) {
        WebXmlMerger merger = new WebXmlMerger(d.webXml());
        for (Fragment f : d.fragments()) {
            if (f.descriptor() != null) {
                merger.add(f.descriptor(), true);
            }
        }
        if (d.scanAnnotations()) {
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
