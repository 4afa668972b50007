package io.asyncio4j.http.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps method + path to handlers. Paths are literal ({@code /about}), or have parameters:
 * {@code {name}} matches one segment ({@code [^{}/]+}), {@code {name:regex}} matches the regex.
 * Resources are tried in the order they were added; a path that matches a resource but none of
 * its methods gives 405 with {@code Allow} (the methods sorted, comma-separated, as aiohttp sends
 * it), no match gives 404. A GET route also answers HEAD.
 *
 * <p>The analog of aiohttp's {@code UrlDispatcher} ({@code app.router.add_get}, {@code add_route},
 * {@code add_static}).
 *
 * <pre>{@code
 * Router r = app.router();
 * r.get("/users/{id:\\d+}", req -> Response.text("user " + req.matchInfo("id")));
 * r.post("/users", createUser);
 * r.route("*", "/any", anyMethod);
 * r.addStatic("/static", Path.of("public"), StaticOptions.DEFAULTS.showIndex(true));
 * }</pre>
 */
public final class Router {
    private final List<Resource> resources = new ArrayList<>();
    private final Map<String, Resource> plain = new HashMap<>();
    private final Map<String, Resource> byPattern = new HashMap<>();
    private final RouteNames names = new RouteNames();
    private final Application owner;

    Router(Application owner) {
        this.owner = owner;
    }

    /**
     * A route: method ({@code *} for any), path, handler and an optional name for {@link #urlFor}.
     * Also a route definition for {@link #addRoutes} (aiohttp's {@code web.get(...)} and
     * {@code RouteTableDef}).
     */
    public record Route(String method, String path, Handler handler, String name) {
        /** An unnamed route. */
        public Route(String method, String path, Handler handler) {
            this(method, path, handler, null);
        }

        /** A GET (and HEAD) route definition ({@code web.get}). */
        public static Route get(String path, Handler handler) {
            return new Route("GET", path, handler);
        }

        /** A POST route definition ({@code web.post}). */
        public static Route post(String path, Handler handler) {
            return new Route("POST", path, handler);
        }

        /** This route with a name ({@code name=}). */
        public Route named(String name) {
            return new Route(method, path, handler, name);
        }
    }

    static final class Resource {
        final String path;
        final Pattern pattern;        // null for a plain path
        final List<String> names;
        final List<String> literals;  // the text around the parameters: names.size() + 1 pieces
        String name;                  // for urlFor, or null
        final Map<String, Handler> methods = new LinkedHashMap<>();
        Handler any;
        final StaticResource files;   // non-null for a static prefix
        final Application subapp;      // non-null for a sub-application prefix

        Resource(String path, Pattern pattern, List<String> names, List<String> literals, StaticResource files,
                 Application subapp) {
            this.path = path;
            this.pattern = pattern;
            this.names = names;
            this.literals = literals;
            this.files = files;
            this.subapp = subapp;
        }
    }

    /** Adds a route for {@code method} ({@code *}: any) and {@code path}. */
    public Route route(String method, String path, Handler handler) {
        return route(method, path, handler, null);
    }

    /** Adds a route and names its resource for {@link #urlFor} (aiohttp's {@code name=}; null: unnamed). */
    public Route route(String method, String path, Handler handler, String name) {
        owner.checkNotFrozen();
        if (!path.startsWith("/")) throw new IllegalArgumentException("path must start with /: " + path);
        Resource res = byPattern.get(path);
        if (res == null) {
            res = compile(path);
            byPattern.put(path, res);
            resources.add(res);
            if (res.pattern == null) plain.putIfAbsent(path, res);
        }
        if (method.equals("*")) {
            res.any = handler;
        } else {
            if (res.methods.containsKey(method)) {
                throw new IllegalArgumentException("route " + method + " " + path + " already registered");
            }
            res.methods.put(method, handler);
        }
        names.add(name, res);
        return new Route(method, path, handler, name);
    }

    /** GET (and HEAD) route. */
    public Route get(String path, Handler handler) {
        return get(path, handler, null);
    }

    /** GET (and HEAD) route with a name for {@link #urlFor}. */
    public Route get(String path, Handler handler, String name) {
        Route r = route("GET", path, handler, name);
        Resource res = byPattern.get(path);
        res.methods.putIfAbsent("HEAD", handler);
        return r;
    }

    /**
     * Adds route definitions (aiohttp's {@code app.add_routes([web.get(...), ...])}, the list
     * playing {@code RouteTableDef}); GET routes also answer HEAD.
     */
    public void addRoutes(List<Route> routes) {
        for (Route r : routes) {
            if (r.method().equals("GET")) {
                get(r.path(), r.handler(), r.name());
            } else {
                route(r.method(), r.path(), r.handler(), r.name());
            }
        }
    }

    /**
     * The URL path of the resource called {@code name} with its {@code {param}}s (and a static
     * resource's {@code filename}) filled in and quoted: aiohttp's {@code router[name].url_for(**parts)}.
     * Routes of a sub-application get its prefix. {@link IllegalArgumentException} for an unknown
     * name or a missing part (aiohttp's {@code KeyError}).
     *
     * <pre>{@code
     * router.get("/users/{id}", showUser, "user");
     * router.urlFor("user", Map.of("id", "a b"));                       // "/users/a%20b"
     * router.urlFor("user", Map.of("id", "7"), Map.of("tab", "x y"));   // "/users/7?tab=x+y"
     * }</pre>
     */
    public String urlFor(String name, Map<String, String> parts) {
        return urlFor(name, parts, Map.of());
    }

    /** {@link #urlFor(String, Map)} with a query string ({@code url_for(...).with_query(query)}). */
    public String urlFor(String name, Map<String, String> parts, Map<String, ?> query) {
        return names.urlFor(owner.mountPrefix(), name, parts, query);
    }

    /** The route names ({@code named_resources()}). */
    public Set<String> names() {
        return Collections.unmodifiableSet(names.names());
    }

    /** POST route. */
    public Route post(String path, Handler handler) {
        return route("POST", path, handler);
    }

    /** PUT route. */
    public Route put(String path, Handler handler) {
        return route("PUT", path, handler);
    }

    /** PATCH route. */
    public Route patch(String path, Handler handler) {
        return route("PATCH", path, handler);
    }

    /** DELETE route. */
    public Route delete(String path, Handler handler) {
        return route("DELETE", path, handler);
    }

    /** OPTIONS route. */
    public Route options(String path, Handler handler) {
        return route("OPTIONS", path, handler);
    }

    /** Serves the files under {@code directory} at {@code prefix} with the default options. */
    public void addStatic(String prefix, Path directory) {
        addStatic(prefix, directory, StaticOptions.DEFAULTS);
    }

    /** Serves the files under {@code directory} at {@code prefix} (GET/HEAD), never outside it. */
    public void addStatic(String prefix, Path directory, StaticOptions options) {
        addStatic(prefix, directory, options, null);
    }

    /** {@link #addStatic(String, Path, StaticOptions)} named for {@link #urlFor} (part {@code filename}). */
    public void addStatic(String prefix, Path directory, StaticOptions options, String name) {
        owner.checkNotFrozen();
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (!prefix.startsWith("/")) throw new IllegalArgumentException("prefix must start with /: " + prefix);
        Resource res = new Resource(p, null, List.of(), List.of(p + "/"), new StaticResource(p, directory, options), null);
        resources.add(res);
        names.add(name, res);
    }

    void addSubapp(String prefix, Application app) {
        owner.checkNotFrozen();
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (!p.startsWith("/") || p.isEmpty()) throw new IllegalArgumentException("prefix must start with / and not be /: " + prefix);
        resources.add(new Resource(p, null, List.of(), List.of(p), null, app));
    }

    /** Every route (not static or sub-application resources), in order. */
    public List<Route> routes() {
        List<Route> out = new ArrayList<>();
        for (Resource r : resources) {
            r.methods.forEach((m, h) -> out.add(new Route(m, r.path, h)));
            if (r.any != null) out.add(new Route("*", r.path, r.any));
        }
        return out;
    }

    private static Resource compile(String path) {
        if (path.indexOf('{') < 0) return new Resource(path, null, List.of(), List.of(path), null, null);
        StringBuilder re = new StringBuilder();
        List<String> names = new ArrayList<>();
        List<String> literals = new ArrayList<>();
        int i = 0;
        while (i < path.length()) {
            int open = path.indexOf('{', i);
            if (open < 0) break;
            literals.add(path.substring(i, open));
            if (open > i) re.append(Pattern.quote(path.substring(i, open)));
            int depth = 0;
            int close = -1;
            for (int j = open; j < path.length(); j++) {
                char c = path.charAt(j);
                if (c == '\\') {
                    j++;
                } else if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    close = j;
                    break;
                }
            }
            if (close < 0) throw new IllegalArgumentException("unbalanced { in path " + path);
            String inner = path.substring(open + 1, close);
            int colon = inner.indexOf(':');
            String name = colon < 0 ? inner : inner.substring(0, colon);
            String expr = colon < 0 ? "[^{}/]+" : inner.substring(colon + 1);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) throw new IllegalArgumentException("invalid parameter name in " + path);
            if (names.contains(name)) throw new IllegalArgumentException("duplicate parameter " + name + " in " + path);
            names.add(name);
            re.append("(?<").append(name).append('>').append(expr).append(')');
            i = close + 1;
        }
        literals.add(path.substring(i));
        if (i < path.length()) re.append(Pattern.quote(path.substring(i)));
        return new Resource(path, Pattern.compile(re.toString()), List.copyOf(names), List.copyOf(literals), null, null);
    }

    /** The result of resolving: a handler (maybe one that throws 404/405) and its context. */
    record Match(Handler handler, Map<String, String> params, List<Application> apps) {}

    /**
     * Resolves {@code path}, the request's {@link Request#pathSafe}: decoded except {@code %2F} and
     * {@code %25}, so an encoded slash stays inside its segment, as in aiohttp's router.
     */
    Match resolve(String method, String path, List<Application> chain) {
        chain.add(owner);
        Resource exact = plain.get(path);
        if (exact != null) {
            Handler h = exact.methods.get(method);
            if (h == null) h = exact.any;
            if (h != null) return new Match(h, Map.of(), chain);
        }
        Set<String> allowed = new TreeSet<>(); // sorted: aiohttp's Allow is ",".join(sorted(methods))
        for (Resource r : resources) {
            if (r.subapp != null) {
                if (path.equals(r.path) || path.startsWith(r.path + "/")) {
                    String rest = path.substring(r.path.length());
                    Match m = r.subapp.router().resolve(method, rest.isEmpty() ? "/" : rest, chain);
                    return m;
                }
                continue;
            }
            if (r.files != null) {
                if (path.startsWith(r.path + "/")) {
                    if (method.equals("GET") || method.equals("HEAD")) {
                        String rel = PercentDecoder.unquoteSafe(path.substring(r.path.length() + 1));
                        StaticResource files = r.files;
                        return new Match(req -> files.handle(req, rel), Map.of("filename", rel), chain);
                    }
                    allowed.add("GET");
                    allowed.add("HEAD");
                }
                continue;
            }
            Map<String, String> params;
            if (r.pattern == null) {
                if (!r.path.equals(path)) continue;
                params = Map.of();
            } else {
                Matcher m = r.pattern.matcher(path);
                if (!m.matches()) continue;
                params = new LinkedHashMap<>();
                for (String n : r.names) params.put(n, PercentDecoder.unquoteSafe(m.group(n)));
            }
            Handler h = r.methods.get(method);
            if (h == null) h = r.any;
            if (h != null) return new Match(h, params, chain);
            allowed.addAll(r.methods.keySet());
        }
        if (!allowed.isEmpty()) {
            HttpException e = HttpException.methodNotAllowed(method, allowed);
            return new Match(req -> {
                throw e;
            }, Map.of(), chain);
        }
        return new Match(NOT_FOUND, Map.of(), chain);
    }

    private static final Handler NOT_FOUND = req -> {
        throw HttpException.notFound();
    };
}
