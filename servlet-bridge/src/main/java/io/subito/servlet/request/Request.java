package io.subito.servlet.request;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletConnection;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.security.Principal;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The application's view of one request: a thin facade over the connection's pooled
 * {@link RequestState}, valid while the state names it as its facade (set when the request
 * begins, cleared when it is recycled): one field, 16 bytes, one made per request. Concerns live
 * in their own classes (headers, parameters, attributes, cookies, locales); this class wires them.
 */
public final class Request implements HttpServletRequest {
    private final RequestState state;

    /** Made only by {@link Requests#facade}, which makes it the state's current facade. */
    Request(RequestState state) {
        this.state = state;
    }

    /** The pooled state, after checking that this facade's request is still the current one. */
    RequestState state() {
        RequestState s = state;
        if (s.facade != this) {
            throw new IllegalStateException("this request has completed; its object may not be used any more");
        }
        return s;
    }

    // ---- attributes ----

    @Override
    public Object getAttribute(String name) {
        return TlsAttributes.attribute(state(), name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        return TlsAttributes.attributeNames(state());
    }

    @Override
    public void setAttribute(String name, Object value) {
        AttributeChanges.set(state(), this, name, value);
    }

    @Override
    public void removeAttribute(String name) {
        AttributeChanges.remove(state(), this, name);
    }

    // ---- encoding and body ----

    @Override
    public String getCharacterEncoding() {
        return RequestBody.characterEncoding(state());
    }

    @Override
    public void setCharacterEncoding(String env) throws UnsupportedEncodingException {
        RequestBody.setCharacterEncoding(state(), env);
    }

    @Override
    public void setCharacterEncoding(Charset cs) {
        RequestBody.setCharset(state(), cs);
    }

    /** The charset for body text: explicit, from Content-Type, the context's default, else ISO-8859-1. */
    Charset bodyCharset() {
        return RequestBody.bodyCharset(state());
    }

    @Override
    public int getContentLength() {
        long n = getContentLengthLong();
        return n > Integer.MAX_VALUE ? -1 : (int) n;
    }

    @Override
    public long getContentLengthLong() {
        return state().head.contentLength();
    }

    @Override
    public String getContentType() {
        return state().head.header("Content-Type");
    }

    @Override
    public ServletInputStream getInputStream() {
        return RequestBody.inputStream(state());
    }

    @Override
    public BufferedReader getReader() throws IOException {
        return RequestBody.reader(state());
    }

    // ---- parameters ----

    private Parameters params() {
        RequestState s = state();
        if (!s.params.isParsed()) {
            s.params.markParsed();
            FormReader.read(this, s);
        }
        return s.params;
    }

    @Override
    public String getParameter(String name) {
        return params().get(name);
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return params().nameEnumeration();
    }

    @Override
    public String[] getParameterValues(String name) {
        return params().values(name);
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return params().asMap();
    }

    // ---- connection and addresses ----

    @Override
    public String getProtocol() {
        return state().head.protocol();
    }

    @Override
    public String getScheme() {
        return state().exchange.origin().scheme();
    }

    @Override
    public String getServerName() {
        RequestState s = state();
        String name = ServerAddress.name(s);
        return name != null ? name : getLocalName();
    }

    @Override
    public int getServerPort() {
        int port = ServerAddress.port(state());
        return port > 0 ? port : getLocalPort();
    }

    @Override
    public String getRemoteAddr() {
        return state().exchange.origin().remoteAddress();
    }

    @Override
    public String getRemoteHost() {
        return getRemoteAddr(); // no reverse lookups, as Tomcat's enableLookups=false
    }

    @Override
    public int getRemotePort() {
        return state().exchange.origin().remotePort();
    }

    @Override
    public String getLocalName() {
        InetSocketAddress a = state().exchange.localAddress();
        return a == null ? null : a.getHostString();
    }

    @Override
    public String getLocalAddr() {
        InetSocketAddress a = state().exchange.localAddress();
        return a == null ? null : a.getAddress().getHostAddress();
    }

    @Override
    public int getLocalPort() {
        InetSocketAddress a = state().exchange.localAddress();
        return a == null ? -1 : a.getPort();
    }

    @Override
    public boolean isSecure() {
        return state().exchange.origin().isSecure();
    }

    @Override
    public String getRequestId() {
        RequestState s = state();
        return s.exchange.connectionId() + "-" + s.exchange.requestNumber();
    }

    @Override
    public String getProtocolRequestId() {
        state();
        return ""; // HTTP/1.1 has no protocol-level request id
    }

    @Override
    public ServletConnection getServletConnection() {
        return new Connection(state().exchange.connectionId(), getProtocol(), state().exchange.isSecure());
    }

    @Override
    public Locale getLocale() {
        return locales().get(0);
    }

    @Override
    public Enumeration<Locale> getLocales() {
        return Collections.enumeration(locales());
    }

    private List<Locale> locales() {
        return RequestHeaders.locales(state());
    }

    // ---- context, dispatch, async ----

    @Override
    public ServletContext getServletContext() {
        return state().context.servletContext();
    }

    @Override
    public RequestDispatcher getRequestDispatcher(String path) {
        RequestState s = state();
        return path == null ? null : s.context.requestDispatcher(RequestBody.contextRelative(s, path));
    }

    @Override
    public AsyncContext startAsync() {
        return startAsync(this, state().responseFacade, true);
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
        return startAsync(request, response, false);
    }

    private AsyncContext startAsync(ServletRequest request, ServletResponse response, boolean original) {
        RequestState s = state();
        return s.context.startAsync(s, this, request, response, original);
    }

    @Override
    public boolean isAsyncStarted() {
        RequestState s = state();
        return s.async != null && s.async.isStarted();
    }

    @Override
    public boolean isAsyncSupported() {
        RequestState s = state();
        return s.asyncSupported;
    }

    @Override
    public AsyncContext getAsyncContext() {
        RequestState s = state();
        if (s.async == null) {
            throw new IllegalStateException("async has not been started");
        }
        return s.async.asyncContext();
    }

    @Override
    public DispatcherType getDispatcherType() {
        return state().dispatcherType;
    }

    // ---- HTTP ----

    @Override
    public String getAuthType() {
        return state().authType;
    }

    @Override
    public Cookie[] getCookies() {
        Cookie[] cookies = RequestHeaders.cookies(state());
        return cookies == null ? null : cookies.clone();
    }

    @Override
    public long getDateHeader(String name) {
        return RequestHeaders.dateValue(state().head, name);
    }

    @Override
    public String getHeader(String name) {
        return state().head.header(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return RequestHeaders.values(state().head, name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        return RequestHeaders.names(state().head);
    }

    @Override
    public int getIntHeader(String name) {
        return RequestHeaders.intValue(state().head, name);
    }

    @Override
    public HttpServletMapping getHttpServletMapping() {
        return state().match;
    }

    @Override
    public String getMethod() {
        RequestState s = state();
        return s.methodIsGet ? "GET" : s.head.method();
    }

    @Override
    public String getPathInfo() {
        return state().pathInfo;
    }

    @Override
    public String getPathTranslated() {
        RequestState s = state();
        return s.pathInfo == null ? null : s.context.realPath(s.pathInfo);
    }

    @Override
    public String getContextPath() {
        return state().contextPath;
    }

    @Override
    public String getQueryString() {
        return state().queryString;
    }

    @Override
    public String getRemoteUser() {
        Principal p = state().user;
        return p == null ? null : p.getName();
    }

    @Override
    public boolean isUserInRole(String role) {
        RequestState s = state();
        return s.context.isUserInRole(s, role);
    }

    @Override
    public Principal getUserPrincipal() {
        return state().user;
    }

    @Override
    public String getRequestedSessionId() {
        return state().requestedSessionId;
    }

    @Override
    public String getRequestURI() {
        return state().requestUri;
    }

    @Override
    public StringBuffer getRequestURL() {
        return ServerAddress.url(this);
    }

    @Override
    public String getServletPath() {
        return state().servletPath;
    }

    @Override
    public HttpSession getSession(boolean create) {
        RequestState s = state();
        return s.context.session(s, create);
    }

    @Override
    public HttpSession getSession() {
        return getSession(true);
    }

    @Override
    public String changeSessionId() {
        RequestState s = state();
        return s.context.changeSessionId(s);
    }

    @Override
    public boolean isRequestedSessionIdValid() {
        RequestState s = state();
        return s.requestedSessionId != null && s.context.isSessionValid(s.requestedSessionId);
    }

    @Override
    public boolean isRequestedSessionIdFromCookie() {
        RequestState s = state();
        return s.requestedSessionId != null && s.sessionIdFromCookie;
    }

    @Override
    public boolean isRequestedSessionIdFromURL() {
        RequestState s = state();
        return s.requestedSessionId != null && s.sessionIdFromUrl;
    }

    @Override
    public boolean authenticate(HttpServletResponse response) throws IOException, ServletException {
        RequestState s = state();
        return s.context.authenticate(s, this, response);
    }

    @Override
    public void login(String username, String password) throws ServletException {
        RequestState s = state();
        s.context.login(s, username, password);
    }

    @Override
    public void logout() throws ServletException {
        RequestState s = state();
        s.context.logout(s);
    }

    @Override
    public Collection<Part> getParts() throws IOException, ServletException {
        RequestState s = state();
        return MultipartParser.parts(this, s);
    }

    @Override
    public Part getPart(String name) throws IOException, ServletException {
        return MultipartParser.part(getParts(), name);
    }

    @Override
    public <T extends HttpUpgradeHandler> T upgrade(Class<T> handlerClass) throws ServletException {
        RequestState s = state();
        T handler = s.context.createInstance(handlerClass);
        RequestContext context = s.context;
        s.exchange.upgrade(raw -> io.subito.servlet.upgrade.UpgradedWebConnection.begin(raw, handler, context));
        return handler;
    }

    @Override
    public Map<String, String> getTrailerFields() {
        return RequestBody.trailerFields(state());
    }

    @Override
    public boolean isTrailerFieldsReady() {
        RequestState s = state();
        return !s.head.isChunked() || s.exchange.isBodyFinished();
    }

    @Override
    public String toString() {
        RequestState s = state;
        return s.facade == this ? "Request[" + s.head.method() + " " + s.requestUri + "]" : "Request[completed]";
    }
}
