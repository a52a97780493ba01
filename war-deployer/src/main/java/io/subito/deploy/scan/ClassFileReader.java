package io.subito.deploy.scan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Reads a class file with ASM into a {@link ClassInfo}, skipping code, frames and debug data:
 * only the header and the annotations are visited, so scanning a large library stays cheap and
 * no class is loaded (loading would run static initialisers and need every dependency present).
 */
public final class ClassFileReader {
    private ClassFileReader() {
    }

    /** The newest class file major version this ASM knows (Java 24 for ASM 9.7.1). */
    static final int NEWEST_KNOWN_MAJOR = Opcodes.V24 & 0xFFFF;

    public static ClassInfo read(byte[] classFile, String origin) {
        Collector c = new Collector();
        new ClassReader(knownVersion(classFile))
                .accept(c, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return new ClassInfo(c.name, c.superName, c.interfaces, c.access, c.annotations, c.memberAnnotations, origin);
    }

    /**
     * A class compiled for a newer Java than this ASM knows would be refused outright, failing the
     * whole app at deployment. The parts read here (header, constant pool, annotations) have not
     * changed between versions, so such a class is read as if it were of the newest known one.
     */
    static byte[] knownVersion(byte[] classFile) {
        if (classFile.length < 8) {
            return classFile;
        }
        int major = ((classFile[6] & 0xFF) << 8) | (classFile[7] & 0xFF);
        if (major <= NEWEST_KNOWN_MAJOR) {
            return classFile;
        }
        byte[] copy = classFile.clone();
        copy[6] = (byte) (NEWEST_KNOWN_MAJOR >>> 8);
        copy[7] = (byte) NEWEST_KNOWN_MAJOR;
        return copy;
    }

    static String binaryName(String internalName) {
        return internalName == null ? null : internalName.replace('/', '.');
    }

    static String typeName(String descriptor) {
        return Type.getType(descriptor).getClassName();
    }

    private static final class Collector extends ClassVisitor {
        String name;
        String superName;
        List<String> interfaces = List.of();
        int access;
        final List<AnnotationData> annotations = new ArrayList<>();
        final Set<String> memberAnnotations = new HashSet<>();

        Collector() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int acc, String n, String signature, String sup, String[] ifaces) {
            name = binaryName(n);
            superName = binaryName(sup);
            access = acc;
            List<String> list = new ArrayList<>();
            for (String i : ifaces == null ? new String[0] : ifaces) {
                list.add(binaryName(i));
            }
            interfaces = List.copyOf(list);
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            AnnotationData a = new AnnotationData(typeName(descriptor));
            annotations.add(a);
            return new ValueCollector(a.values()::put);
        }

        @Override
        public FieldVisitor visitField(int acc, String n, String d, String s, Object v) {
            return new FieldVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                    memberAnnotations.add(typeName(descriptor));
                    return null;
                }
            };
        }

        @Override
        public MethodVisitor visitMethod(int acc, String n, String d, String s, String[] e) {
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                    memberAnnotations.add(typeName(descriptor));
                    return null;
                }

                @Override
                public AnnotationVisitor visitParameterAnnotation(int parameter, String descriptor, boolean visible) {
                    memberAnnotations.add(typeName(descriptor));
                    return null;
                }
            };
        }
    }

    /** Turns ASM's callbacks for one annotation (or array) into plain values. */
    private static final class ValueCollector extends AnnotationVisitor {
        interface Sink {
            void put(String name, Object value);
        }

        private final Sink sink;

        ValueCollector(Sink sink) {
            super(Opcodes.ASM9);
            this.sink = sink;
        }

        @Override
        public void visit(String name, Object value) {
            if (value instanceof Type t) {
                sink.put(name, new AnnotationData.ClassRef(t.getClassName()));
            } else if (value != null && value.getClass().isArray()) {
                // primitive arrays arrive whole
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) {
                    list.add(java.lang.reflect.Array.get(value, i));
                }
                sink.put(name, list);
            } else {
                sink.put(name, value);
            }
        }

        @Override
        public void visitEnum(String name, String descriptor, String value) {
            sink.put(name, new AnnotationData.EnumRef(typeName(descriptor), value));
        }

        @Override
        public AnnotationVisitor visitAnnotation(String name, String descriptor) {
            AnnotationData nested = new AnnotationData(typeName(descriptor));
            sink.put(name, nested);
            return new ValueCollector(nested.values()::put);
        }

        @Override
        public AnnotationVisitor visitArray(String name) {
            List<Object> list = new ArrayList<>();
            sink.put(name, list);
            return new ValueCollector((ignored, v) -> list.add(v));
        }
    }
}
