package io.subito.servlet.session;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.lang.reflect.Proxy;

/**
 * Attribute values to bytes and back with Java serialization. Reading resolves classes through
 * the application's class loader only (plus the JDK and the Servlet API it delegates to), and
 * through an {@link ObjectInputFilter}: limits on depth, references, array length and bytes,
 * a deny list of well-known gadget packages, then the administrator's own pattern
 * ({@code sessionStore.deserializationFilter}), then the JVM-wide {@code jdk.serialFilter}.
 */
final class SessionCodec {
    /** Packages of published deserialization gadget chains; nothing an application keeps in a session. */
    static final String DENIED = "!org.apache.commons.collections.functors.*;!org.apache.commons.collections4.functors.*;"
            + "!org.codehaus.groovy.runtime.*;!groovy.lang.*;!org.apache.xalan.xsltc.trax.*;"
            + "!com.sun.org.apache.xalan.internal.xsltc.trax.*;!org.springframework.beans.factory.support.*;"
            + "!com.mchange.v2.c3p0.*;!org.hibernate.engine.spi.*;!bsh.*;!org.mozilla.javascript.*;"
            + "!javax.management.*;!java.rmi.server.*;!sun.rmi.*;!com.sun.rowset.*";

    private final ClassLoader loader;
    private final ObjectInputFilter filter;

    /**
     * @param pattern the administrator's extra filter pattern, or null
     * @throws IllegalArgumentException for a pattern the JDK cannot parse
     */
    SessionCodec(ClassLoader loader, long maxBytes, String pattern) {
        this.loader = loader;
        String limits = "maxdepth=100;maxrefs=1000000;maxarray=" + maxBytes + ";maxbytes=" + maxBytes;
        ObjectInputFilter own = ObjectInputFilter.Config.createFilter(
                limits + ";" + DENIED + (pattern == null || pattern.isBlank() ? "" : ";" + pattern.trim()));
        ObjectInputFilter jvm = ObjectInputFilter.Config.getSerialFilter();
        this.filter = jvm == null ? own : ObjectInputFilter.merge(own, jvm);
    }

    /** @throws NotSerializableException naming the class that could not be written */
    byte[] write(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws InvalidClassException for a class that changed incompatibly or that the filter refused
     * @throws ClassNotFoundException for a class the application no longer has
     */
    Object read(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new AppObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        }
    }

    /** Resolves classes by the application's loader, never by whatever loader is on the stack. */
    private static final class AppObjectInputStream extends ObjectInputStream {
        private static final java.util.Set<String> PRIMITIVES = java.util.Set.of("boolean", "byte", "char", "short",
                "int", "long", "float", "double", "void");
        private final ClassLoader loader;

        AppObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                if (desc.getName().startsWith("io.subito.")) {
                    // the container's own values an app cannot see, such as the FORM login's principal
                    return Class.forName(desc.getName(), false, SessionCodec.class.getClassLoader());
                }
                if (desc.getName().indexOf('.') < 0 && PRIMITIVES.contains(desc.getName())) {
                    return super.resolveClass(desc);
                }
                throw e;
            }
        }

        @Override
        protected Class<?> resolveProxyClass(String[] interfaces) throws IOException, ClassNotFoundException {
            Class<?>[] types = new Class<?>[interfaces.length];
            for (int i = 0; i < interfaces.length; i++) {
                types[i] = Class.forName(interfaces[i], false, loader);
            }
            @SuppressWarnings("deprecation")
            Class<?> proxy = Proxy.getProxyClass(loader, types);
            return proxy;
        }
    }
}
