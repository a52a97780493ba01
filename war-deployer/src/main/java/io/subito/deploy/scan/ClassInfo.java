package io.subito.deploy.scan;

import java.util.List;
import java.util.Set;

/**
 * What the deployer needs to know about one class file: its place in the type graph and its
 * annotations. {@code origin} is the jar (or {@code WEB-INF/classes}) it was found in.
 */
public record ClassInfo(String name, String superName, List<String> interfaces, int access,
        List<AnnotationData> annotations, Set<String> memberAnnotationTypes, String origin) {

    public AnnotationData annotation(String type) {
        for (AnnotationData a : annotations) {
            if (a.type().equals(type)) {
                return a;
            }
        }
        return null;
    }

    /** Annotated with {@code type} on the class, or on a field, method or parameter. */
    public boolean hasAnnotationAnywhere(String type) {
        return annotation(type) != null || memberAnnotationTypes.contains(type);
    }

    public boolean isAnnotationType() {
        return (access & org.objectweb.asm.Opcodes.ACC_ANNOTATION) != 0;
    }
}
