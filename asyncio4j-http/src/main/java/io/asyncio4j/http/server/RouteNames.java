package io.asyncio4j.http.server;

import io.asyncio4j.http.UrlQuoting;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The named resources of a {@link Router} and URL building from them, as aiohttp's
 * {@code router[name].url_for(**parts)} does it: the route's text with each {@code {param}}
 * replaced by its value quoted as a path (yarl: {@code "a b/c"} → {@code "a%20b/c"}; the value is
 * not checked against the parameter's regex), behind the prefixes of the applications it is mounted in.
 */
final class RouteNames {
    /** aiohttp: Python identifiers separated by dash, dot or colon. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_]\\w*(?:[-.:][A-Za-z_]\\w*)*");

    private final Map<String, Router.Resource> byName = new LinkedHashMap<>();

    /** Names {@code res}; null does nothing. A name is used once, and a resource has one name. */
    void add(String name, Router.Resource res) {
        if (name == null) return;
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Incorrect route name '" + name
                    + "', the name should be a sequence of identifiers separated by dash, dot or colon");
        }
        Router.Resource old = byName.get(name);
        if (old == res) return;
        if (old != null) throw new IllegalArgumentException("Duplicate '" + name + "', already handled by " + old.path);
        if (res.name != null) throw new IllegalArgumentException(res.path + " is already named '" + res.name + "'");
        res.name = name;
        byName.put(name, res);
    }

    Set<String> names() {
        return byName.keySet();
    }

    /** The path (and query) of the resource called {@code name}; {@code prefix} is where its application is mounted. */
    String urlFor(String prefix, String name, Map<String, String> parts, Map<String, ?> query) {
        Router.Resource res = byName.get(name);
        if (res == null) throw new IllegalArgumentException("no route named '" + name + "'");
        StringBuilder url = new StringBuilder(UrlQuoting.quotePath(prefix)).append(UrlQuoting.quotePath(res.literals.getFirst()));
        if (res.files != null) {
            url.append(UrlQuoting.quotePath(require(parts, "filename", name)));
        }
        for (int i = 0; i < res.names.size(); i++) {
            url.append(UrlQuoting.quotePath(require(parts, res.names.get(i), name)))
                    .append(UrlQuoting.quotePath(res.literals.get(i + 1)));
        }
        char sep = '?';
        for (Map.Entry<String, ?> e : query.entrySet()) {
            url.append(sep).append(UrlQuoting.quoteQuery(e.getKey())).append('=')
                    .append(UrlQuoting.quoteQuery(String.valueOf(e.getValue())));
            sep = '&';
        }
        return url.toString();
    }

    private static String require(Map<String, String> parts, String part, String name) {
        String v = parts.get(part);
        if (v == null) throw new IllegalArgumentException("route '" + name + "' needs the part '" + part + "'");
        return v;
    }
}
