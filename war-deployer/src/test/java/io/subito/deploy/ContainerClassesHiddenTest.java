package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.example.isolation.ClassProbeServlet;
import org.example.isolation.WebSocketApiListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a deployed application can load of the server, asked by a servlet of a WAR over HTTP:
 * none of Subito's own classes, the shared APIs yes.
 */
class ContainerClassesHiddenTest {
    private static final String HIDDEN = "forName=ClassNotFoundException tccl=ClassNotFoundException resource=none";
    private static final String SHARED = "forName=loaded tccl=loaded resource=found";

    @TempDir
    static Path home;
    static RunningServer s;

    @BeforeAll
    static void start() throws Exception {
        s = new RunningServer(home);
        new WarBuilder().webInfClasses(ClassProbeServlet.class, WebSocketApiListener.class)
                .writeTo(s.webapps.resolve("probe.war"));
        s.awaitStatus("/probe/probe?class=java.lang.String", 200);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static String probe(String className) throws Exception {
        RunningServer.Reply r = s.get("/probe/probe?class=" + className);
        assertEquals(200, r.status(), r.body());
        return r.body();
    }

    @Test
    void theServerMainIsNotLoadableByAnApplication() throws Exception {
        assertEquals(HIDDEN, probe("io.subito.deploy.Server"));
    }

    @Test
    void noneOfSubitosPackagesIsLoadableByAnApplication() throws Exception {
        for (String c : new String[] {"io.subito.deploy.Deployer", "io.subito.deploy.WebAppClassLoader",
            "io.subito.servlet.WebAppContext", "io.subito.servlet.ServletHost", "io.subito.servlet.Subito",
            "io.subito.servlet.request.RequestState", "io.subito.container.HttpServer",
            "io.subito.container.SelectorLoop", "io.subito.jsp.JspExtension"}) {
            assertEquals(HIDDEN, probe(c), c);
        }
    }

    @Test
    void theContainersOwnLibrariesAreNotLoadableEither() throws Exception {
        assertEquals(HIDDEN, probe("org.objectweb.asm.ClassReader"));
        assertEquals(HIDDEN, probe("org.jctools.queues.MpscUnboundedArrayQueue"));
    }

    @Test
    void theSharedApisAreLoadable() throws Exception {
        for (String c : new String[] {"jakarta.servlet.http.HttpServlet", "jakarta.annotation.PostConstruct",
            "jakarta.servlet.jsp.JspFactory", "jakarta.el.ExpressionFactory",
            "jakarta.websocket.server.ServerContainer", "jakarta.websocket.ContainerProvider"}) {
            assertEquals(SHARED, probe(c), c);
        }
    }

    @Test
    void anAppAskingForTheWebSocketApiAtStartDeploys() {
        Deployment d = s.server.deployer().deploymentAt("/probe");
        assertEquals("jakarta.websocket.server.ServerContainer", d.context().getAttribute("websocket.api"));
    }
}
