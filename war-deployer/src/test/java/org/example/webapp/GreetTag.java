package org.example.webapp;

import jakarta.servlet.jsp.tagext.SimpleTagSupport;
import java.io.IOException;

/** A custom tag of the JSP test WAR, declared in a TLD under WEB-INF: {@code <g:greet who="..."/>}. */
public class GreetTag extends SimpleTagSupport {
    private String who;

    public void setWho(String who) {
        this.who = who;
    }

    @Override
    public void doTag() throws IOException {
        getJspContext().getOut().write("Hello, " + who + "!");
    }
}
