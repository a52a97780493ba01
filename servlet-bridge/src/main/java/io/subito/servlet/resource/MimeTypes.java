package io.subito.servlet.resource;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Extension to media type: the application's mappings over a default table (Tomcat's common entries). */
public final class MimeTypes {
    private static final Map<String, String> DEFAULTS = new HashMap<>();

    static {
        String[] table = {
            "aac", "audio/aac", "abw", "application/x-abiword", "ai", "application/postscript",
            "aif", "audio/x-aiff", "aifc", "audio/x-aiff", "aiff", "audio/x-aiff", "apk", "application/vnd.android.package-archive",
            "appcache", "text/cache-manifest", "arc", "application/x-freearc", "asc", "text/plain",
            "atom", "application/atom+xml", "au", "audio/basic", "avi", "video/x-msvideo", "avif", "image/avif",
            "azw", "application/vnd.amazon.ebook", "bin", "application/octet-stream", "bmp", "image/bmp",
            "bz", "application/x-bzip", "bz2", "application/x-bzip2", "cda", "application/x-cdf",
            "class", "application/java", "css", "text/css", "csh", "application/x-csh", "csv", "text/csv",
            "dll", "application/x-msdownload", "doc", "application/msword",
            "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "dot", "application/msword", "dtd", "application/xml-dtd", "dvi", "application/x-dvi",
            "ear", "application/java-archive", "eot", "application/vnd.ms-fontobject", "eps", "application/postscript",
            "epub", "application/epub+zip", "exe", "application/octet-stream", "flac", "audio/flac",
            "gif", "image/gif", "gz", "application/gzip", "gtar", "application/x-gtar", "htc", "text/x-component",
            "heic", "image/heic", "heif", "image/heif",
            "htm", "text/html", "html", "text/html", "ico", "image/vnd.microsoft.icon", "ics", "text/calendar",
            "jad", "text/vnd.sun.j2me.app-descriptor", "jar", "application/java-archive", "java", "text/x-java-source",
            "jnlp", "application/x-java-jnlp-file", "jpe", "image/jpeg", "jpeg", "image/jpeg", "jpg", "image/jpeg",
            "js", "text/javascript", "jsf", "text/plain", "json", "application/json", "jsonld", "application/ld+json",
            "jspf", "text/plain", "jxl", "image/jxl", "kar", "audio/midi", "latex", "application/x-latex",
            "m3u", "audio/x-mpegurl", "m4a", "audio/mp4", "m4v", "video/mp4", "man", "text/troff",
            "manifest", "text/cache-manifest", "md", "text/markdown", "mid", "audio/midi", "midi", "audio/midi",
            "mjs", "text/javascript", "mkv", "video/x-matroska", "mov", "video/quicktime", "mp2", "audio/mpeg",
            "mp3", "audio/mpeg", "mp4", "video/mp4", "mpa", "audio/mpeg", "mpe", "video/mpeg", "mpeg", "video/mpeg",
            "mpg", "video/mpeg", "mpkg", "application/vnd.apple.installer+xml",
            "odp", "application/vnd.oasis.opendocument.presentation",
            "ods", "application/vnd.oasis.opendocument.spreadsheet",
            "odt", "application/vnd.oasis.opendocument.text", "oga", "audio/ogg", "ogg", "audio/ogg",
            "ogv", "video/ogg", "ogx", "application/ogg", "opus", "audio/opus", "otf", "font/otf",
            "pbm", "image/x-portable-bitmap", "pdf", "application/pdf", "pgm", "image/x-portable-graymap",
            "php", "application/x-httpd-php", "pls", "audio/x-scpls", "png", "image/png",
            "pnm", "image/x-portable-anymap", "ppm", "image/x-portable-pixmap", "ppt", "application/vnd.ms-powerpoint",
            "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "ps", "application/postscript", "psd", "image/vnd.adobe.photoshop", "qt", "video/quicktime",
            "rar", "application/vnd.rar", "rdf", "application/rdf+xml", "rss", "application/rss+xml",
            "rtf", "application/rtf", "rtx", "text/richtext", "sh", "application/x-sh", "svg", "image/svg+xml",
            "svgz", "image/svg+xml", "swf", "application/x-shockwave-flash", "tar", "application/x-tar",
            "tcl", "application/x-tcl", "tex", "application/x-tex", "texi", "application/x-texinfo",
            "texinfo", "application/x-texinfo", "tif", "image/tiff", "tiff", "image/tiff", "tr", "text/troff",
            "ts", "video/mp2t", "tsv", "text/tab-separated-values", "ttf", "font/ttf", "txt", "text/plain",
            "vsd", "application/vnd.visio", "vtt", "text/vtt", "war", "application/java-archive",
            "wasm", "application/wasm", "wav", "audio/wav", "weba", "audio/webm", "webm", "video/webm",
            "webmanifest", "application/manifest+json", "webp", "image/webp", "wml", "text/vnd.wap.wml",
            "wmv", "video/x-ms-wmv", "woff", "font/woff", "woff2", "font/woff2", "xbm", "image/x-xbitmap",
            "xht", "application/xhtml+xml", "xhtml", "application/xhtml+xml", "xls", "application/vnd.ms-excel",
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xml", "application/xml", "xpm", "image/x-xpixmap", "xsd", "application/xml", "xsl", "application/xml",
            "xslt", "application/xslt+xml", "xul", "application/vnd.mozilla.xul+xml", "xwd", "image/x-xwindowdump",
            "yaml", "application/yaml", "yml", "application/yaml", "z", "application/x-compress",
            "zip", "application/zip", "7z", "application/x-7z-compressed",
        };
        for (int i = 0; i < table.length; i += 2) {
            DEFAULTS.put(table[i], table[i + 1]);
        }
    }

    private final Map<String, String> custom = new ConcurrentHashMap<>();

    public void add(String ext, String type) {
        String e = ext.startsWith(".") ? ext.substring(1) : ext;
        custom.put(e.toLowerCase(Locale.ROOT), type);
    }

    /** The media type for a file name or path by its extension, or null. */
    public String forFile(String file) {
        if (file == null) {
            return null;
        }
        int dot = file.lastIndexOf('.');
        if (dot < 0 || dot < file.lastIndexOf('/')) {
            return null;
        }
        String ext = file.substring(dot + 1).toLowerCase(Locale.ROOT);
        String t = custom.get(ext);
        return t != null ? t : DEFAULTS.get(ext);
    }
}
