package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.ServerConfig;
import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.ServletContext;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jakarta.servlet.context.tempdir}: made on first use, where it is told, gone after stop. */
class TempDirTest {
    @TempDir
    Path parent;

    private List<Path> madeIn(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void madeOnFirstUseUsableByTheAppAndDeletedWithItsContentAtStop() throws Exception {
        ServletHost host = new ServletHost(new ServerConfig().port(0));
        WebAppContext ctx = new WebAppContext("/scratch", null, getClass().getClassLoader());
        ctx.setTempDirParent(parent);
        ctx.addServlet("write", Servlets.of((req, res) -> {
            File dir = (File) req.getServletContext().getAttribute(ServletContext.TEMPDIR);
            Files.createDirectories(dir.toPath().resolve("nested"));
            Files.writeString(dir.toPath().resolve("nested/compiled.txt"), "x");
            res.getWriter().print(dir.getPath());
        })).addMapping("/write");
        host.deploy(ctx);
        host.start();
        Path dir;
        try {
            assertTrue(Collections.list(ctx.servletContext().getAttributeNames()).contains(ServletContext.TEMPDIR),
                    "the attribute is there from the start");
            assertEquals(List.of(), madeIn(parent), "but no directory is made before someone asks for it");
            dir = Path.of(Http.get(host.port(), "/scratch/write").body());
            assertEquals(parent, dir.getParent());
            assertTrue(dir.getFileName().toString().startsWith("subito-scratch-"), dir.toString());
            assertTrue(Files.isRegularFile(dir.resolve("nested/compiled.txt")));
        } finally {
            host.stop();
        }
        assertTrue(Files.notExists(dir), "deleted at stop");
        assertEquals(List.of(), madeIn(parent));
        assertNull(ctx.getAttribute(ServletContext.TEMPDIR), "and not made again by a late caller");
    }

    @Test
    void removedByTheAppItExistsAgainWhenAskedFor() throws Exception {
        WebAppContext ctx = new WebAppContext("/again", null, getClass().getClassLoader());
        ctx.setTempDirParent(parent);
        File dir = (File) ctx.getAttribute(ServletContext.TEMPDIR);
        Files.delete(dir.toPath());
        assertEquals(dir, ctx.getAttribute(ServletContext.TEMPDIR));
        assertTrue(dir.isDirectory(), "a JSP compiler writing there must find it");
        ctx.stop();
        assertEquals(List.of(), madeIn(parent));
    }

    @Test
    void aTempDirSetByTheAppIsItsOwnAndIsLeftAlone() throws Exception {
        WebAppContext ctx = new WebAppContext("/own", null, getClass().getClassLoader());
        ctx.setTempDirParent(parent);
        File own = Files.createDirectory(parent.resolve("own")).toFile();
        ctx.setAttribute(ServletContext.TEMPDIR, own);
        assertSame(own, ctx.getAttribute(ServletContext.TEMPDIR));
        ctx.stop();
        assertEquals(List.of(own.toPath()), madeIn(parent), "only what the context made is deleted");
    }
}
