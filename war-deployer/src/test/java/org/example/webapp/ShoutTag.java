package org.example.webapp;

import jakarta.servlet.jsp.JspException;
import jakarta.servlet.jsp.tagext.SimpleTagSupport;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;

/** A body tag of the JSP test WAR, from a TLD inside a WEB-INF/lib jar: upper-cases its body. */
public class ShoutTag extends SimpleTagSupport {
    @Override
    public void doTag() throws JspException, IOException {
        StringWriter body = new StringWriter();
        getJspBody().invoke(body);
        getJspContext().getOut().write(body.toString().toUpperCase(Locale.ROOT));
    }
}
