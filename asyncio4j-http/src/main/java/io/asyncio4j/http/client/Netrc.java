package io.asyncio4j.http.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@code .netrc} file, read as Python's {@code netrc} module (3.11) reads it, since aiohttp's
 * {@code trust_env} relies on that module: {@code machine}/{@code default} entries with
 * {@code login} (or {@code user}), {@code account} and {@code password}; quoted tokens and backslash
 * escapes; {@code #} comments; {@code macdef} blocks skipped up to their empty line. A later entry for
 * the same machine replaces an earlier one, as in Python. A file that does not parse is ignored whole
 * (aiohttp logs it and goes on without).
 */
final class Netrc {
    private static final System.Logger LOG = System.getLogger(Netrc.class.getName());

    /** Basic credentials: login (or, without one, account) and password. */
    record Credentials(String login, String password) {}

    private final Map<String, Credentials> hosts;

    private Netrc(Map<String, Credentials> hosts) {
        this.hosts = hosts;
    }

    /**
     * aiohttp's {@code netrc_from_env}: the file {@code NETRC} names, else {@code $HOME/.netrc}; null when it
     * does not exist or does not parse, or without either variable (Python would then ask the password
     * database for the home directory).
     */
    static Netrc fromEnv(Map<String, String> env) {
        String named = env.get("NETRC");
        // HOME of the given environment only: an injected one must not pick up this process's own file
        String home = env.get("HOME");
        Path file = named != null ? Path.of(named) : home != null ? Path.of(home, ".netrc") : null;
        if (file == null) return null;
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            if (named != null) LOG.log(System.Logger.Level.WARNING, "Could not read .netrc file: " + e);
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not read .netrc file " + file + ": " + e.getMessage());
        }
        return null;
    }

    /** The entry for {@code host}, else the {@code default} one, else null (Python's {@code authenticators}). */
    Credentials lookup(String host) {
        Credentials c = hosts.get(host);
        return c != null ? c : hosts.get("default");
    }

    /** Parses a file's text; IllegalArgumentException where Python raises {@code NetrcParseError}. */
    static Netrc parse(String text) {
        Lexer lx = new Lexer(text);
        Map<String, Credentials> hosts = new HashMap<>();
        while (true) {
            int line = lx.line;
            String tt = lx.token();
            if (tt.isEmpty()) break;
            String entry;
            if (tt.charAt(0) == '#') {
                if (lx.line == line && tt.length() == 1) lx.skipLine();
                continue;
            } else if (tt.equals("machine")) {
                entry = lx.token();
            } else if (tt.equals("default")) {
                entry = "default";
            } else if (tt.equals("macdef")) {
                lx.token();
                lx.skipMacro();
                continue;
            } else {
                throw new IllegalArgumentException("bad toplevel token '" + tt + "' (line " + lx.line + ")");
            }
            if (entry.isEmpty()) throw new IllegalArgumentException("missing '" + tt + "' name");
            String login = "";
            String account = "";
            String password = "";
            while (true) {
                int prev = lx.line;
                String t = lx.token();
                if (t.startsWith("#")) {
                    if (lx.line == prev) lx.skipLine();
                    continue;
                }
                if (t.isEmpty() || t.equals("machine") || t.equals("default") || t.equals("macdef")) {
                    lx.pushBack(t);
                    break;
                }
                switch (t) {
                    case "login", "user" -> login = lx.token();
                    case "account" -> account = lx.token();
                    case "password" -> password = lx.token();
                    default -> throw new IllegalArgumentException("bad follower token '" + t + "' (line " + lx.line + ")");
                }
            }
            // aiohttp's basicauth_from_netrc: the login, or the account when there is no login
            hosts.put(entry, new Credentials(login.isEmpty() ? account : login, password));
        }
        return new Netrc(Map.copyOf(hosts));
    }

    /** Python's {@code _netrclex}, including its line counting (it decides what a {@code #} comments out). */
    private static final class Lexer {
        private final String s;
        private int pos;
        int line = 1;
        private String pushedBack;

        Lexer(String s) {
            this.s = s;
        }

        private int read() {
            if (pos >= s.length()) return -1;
            char c = s.charAt(pos++);
            if (c == '\n') line++;
            return c;
        }

        private static boolean space(int c) {
            return c == '\n' || c == '\t' || c == '\r' || c == ' ';
        }

        void pushBack(String t) {
            pushedBack = t;
        }

        String token() {
            if (pushedBack != null) {
                String t = pushedBack;
                pushedBack = null;
                return t;
            }
            StringBuilder t = new StringBuilder();
            for (int c = read(); c >= 0; c = read()) {
                if (space(c)) continue;
                if (c == '"') {
                    for (c = read(); c >= 0; c = read()) {
                        if (c == '"') return t.toString();
                        if (c == '\\') c = read();
                        if (c >= 0) t.append((char) c);
                    }
                    return t.toString();
                }
                if (c == '\\') c = read();
                if (c >= 0) t.append((char) c);
                for (c = read(); c >= 0; c = read()) {
                    if (space(c)) return t.toString();
                    if (c == '\\') c = read();
                    if (c >= 0) t.append((char) c);
                }
                return t.toString();
            }
            return t.toString();
        }

        /** {@code readline()}: past the next newline (without counting it, as Python's does not). */
        void skipLine() {
            int nl = s.indexOf('\n', pos);
            pos = nl < 0 ? s.length() : nl + 1;
        }

        /** A macro's lines up to an empty line. */
        void skipMacro() {
            while (true) {
                if (pos >= s.length()) throw new IllegalArgumentException("Macro definition missing null line terminator.");
                boolean empty = s.charAt(pos) == '\n';
                skipLine();
                if (empty) return;
            }
        }
    }
}
