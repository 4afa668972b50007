package io.asyncio4j.http.server;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves a directory under a URL prefix without ever leaving it: {@code ..}/{@code .} segments
 * (also percent-encoded, the path is decoded first), backslashes and NUL are refused with 403; a
 * path whose real location (symbolic links resolved) is outside the directory is 404 unless
 * {@link StaticOptions#followSymlinks()}.
 */
final class StaticResource {
    private final String prefix;
    private final Path root;
    private final StaticOptions options;
    private Path realRoot;

    StaticResource(String prefix, Path directory, StaticOptions options) {
        this.prefix = prefix;
        this.root = directory.toAbsolutePath().normalize();
        this.options = options;
    }

    StreamResponse handle(Request req, String rel) throws Exception {
        if (rel.indexOf('\\') >= 0 || rel.indexOf('\0') >= 0) throw HttpException.forbidden();
        for (String seg : rel.split("/", -1)) {
            if (seg.equals("..") || seg.equals(".")) throw HttpException.forbidden();
        }
        if (realRoot == null) {
            try {
                realRoot = root.toRealPath();
            } catch (IOException e) {
                throw HttpException.notFound();
            }
        }
        Path p;
        try {
            p = root.resolve(rel).normalize();
        } catch (InvalidPathException e) {
            throw HttpException.notFound();
        }
        if (!p.startsWith(root)) throw HttpException.forbidden();
        Path real;
        try {
            real = p.toRealPath();
        } catch (NoSuchFileException e) {
            throw HttpException.notFound();
        } catch (IOException e) {
            throw HttpException.notFound();
        }
        if (!real.startsWith(realRoot) && !options.followSymlinks()) throw HttpException.notFound();
        if (Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(real)) {
            if (!options.showIndex()) throw HttpException.forbidden();
            return Response.html(listing(req, rel, real));
        }
        return new FileResponse(real, options.chunkSize());
    }

    private String listing(Request req, String rel, Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path c : ds) names.add(c.getFileName().toString() + (Files.isDirectory(c) ? "/" : ""));
        }
        names.sort(null);
        String title = "Index of " + escape(prefix + "/" + rel);
        StringBuilder sb = new StringBuilder("<html>\n<head>\n<title>").append(title).append("</title>\n</head>\n<body>\n<h1>")
                .append(title).append("</h1>\n<ul>\n");
        String base = req.rawPath().endsWith("/") ? req.rawPath() : req.rawPath() + "/";
        for (String n : names) {
            String enc = URLEncoder.encode(n.endsWith("/") ? n.substring(0, n.length() - 1) : n, StandardCharsets.UTF_8)
                    .replace("+", "%20") + (n.endsWith("/") ? "/" : "");
            sb.append("<li><a href=\"").append(escape(base + enc)).append("\">").append(escape(n)).append("</a></li>\n");
        }
        return sb.append("</ul>\n</body>\n</html>").toString();
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#x27;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
