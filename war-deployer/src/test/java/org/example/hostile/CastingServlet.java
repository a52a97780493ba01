package org.example.hostile;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * A hostile application: takes the objects the container hands it (?object=context, request,
 * response or async), casts each to whatever class it really is and lists, by reflection, every
 * public method and field that is not part of an API interface the object implements. Answers
 * "none" when there is nothing beyond the Servlet API, else the members it found, and then tries
 * to call each found no-argument method, naming what it got.
 */
@WebServlet(urlPatterns = "/cast", asyncSupported = true)
public class CastingServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String which = req.getParameter("object");
        Object target = switch (which) {
            case "context" -> getServletContext();
            case "request" -> req;
            case "response" -> resp;
            case "async" -> req.startAsync();
            default -> throw new IllegalArgumentException(which);
        };
        List<String> found = beyondTheApi(target);
        StringBuilder out = new StringBuilder(target.getClass().getName()).append(": ");
        out.append(found.isEmpty() ? "none" : String.join(", ", found));
        for (Method m : target.getClass().getMethods()) {
            if (m.getParameterCount() == 0 && found.contains(m.getName() + "()")) {
                out.append("\n").append(m.getName()).append("() -> ").append(tryCall(m, target));
            }
        }
        resp.setContentType("text/plain");
        resp.getWriter().print(out);
        if (target instanceof AsyncContext ac) {
            ac.complete();
        }
    }

    /** Public methods and fields of the object's class that no public API interface (jakarta.*, java.*) declares. */
    static List<String> beyondTheApi(Object o) {
        Class<?> c = o.getClass();
        List<Class<?>> apis = new ArrayList<>();
        collectInterfaces(c, apis);
        TreeSet<String> found = new TreeSet<>();
        for (Method m : c.getMethods()) {
            if (declaredByObject(m) || declaredByApi(m, apis)) {
                continue;
            }
            found.add(m.getName() + Arrays.toString(m.getParameterTypes()).replace('[', '(').replace(']', ')'));
        }
        for (Field f : c.getFields()) {
            if (!apis.contains(f.getDeclaringClass())) { // the interfaces' constants are API
                found.add("field " + f.getName());
            }
        }
        if (Modifier.isPublic(c.getModifiers()) && c.getConstructors().length > 0) {
            found.add("public constructor");
        }
        return new ArrayList<>(found);
    }

    private static void collectInterfaces(Class<?> c, List<Class<?>> out) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Class<?> i : k.getInterfaces()) {
                if (i.getName().startsWith("jakarta.") || i.getName().startsWith("java.")) {
                    out.add(i);
                }
                collectInterfaces(i, out);
            }
        }
    }

    /** toString, equals, hashCode and the like: everyone's, whoever overrides them. */
    private static boolean declaredByObject(Method m) {
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static boolean declaredByApi(Method m, List<Class<?>> apis) {
        for (Class<?> api : apis) {
            try {
                api.getMethod(m.getName(), m.getParameterTypes());
                return true;
            } catch (NoSuchMethodException e) {
                // not this interface
            }
        }
        return false;
    }

    private static String tryCall(Method m, Object target) {
        try {
            Object r = m.invoke(target);
            return r == null ? "null" : r.getClass().getName();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }
}
