package io.asyncio4j.files;

import io.asyncio4j.Asyncio;
import io.asyncio4j.loop.EventLoop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/** How {@link AsyncFiles} makes temporary files with Python's tempfile defaults. */
final class TempFiles {
    private TempFiles() {
    }

    /** {@link AsyncFiles#temporaryFile(String)}. */
    static AsyncFile anonymous(String mode) throws IOException {
        Mode m = Mode.parse(mode);
        EventLoop loop = Asyncio.getRunningLoop();
        FileCore core = Offload.call(loop, () -> {
            Path p = Files.createTempFile("tmp", "");
            try {
                return new FileCore(p, onCreated(m), Set.<OpenOption>of(StandardOpenOption.DELETE_ON_CLOSE));
            } finally {
                Files.deleteIfExists(p); // already unlinked on Linux; elsewhere DELETE_ON_CLOSE does it
            }
        });
        return wrap(loop, core, m);
    }

    /** {@link AsyncFiles#namedTemporaryFile}. */
    static AsyncFile named(String mode, String prefix, String suffix, Path dir) throws IOException {
        Mode m = Mode.parse(mode);
        String pre = prefix(prefix);
        String suf = suffix == null ? "" : suffix; // the JDK's default would be ".tmp"
        EventLoop loop = Asyncio.getRunningLoop();
        FileCore core = Offload.call(loop, () -> {
            Path p = dir == null ? Files.createTempFile(pre, suf) : Files.createTempFile(dir, pre, suf);
            try {
                return new FileCore(p, onCreated(m), Set.of(), true);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(p);
                throw e;
            }
        });
        return wrap(loop, core, m);
    }

    /** The mode to open a file createTempFile has just made (mode 0600): "x" would fail on it, so "w". */
    private static Mode onCreated(Mode m) {
        return m.kind() == 'x' ? new Mode(m.text(), 'w', m.plus(), m.binary()) : m;
    }

    /** The file object for an open temporary file: binary, or text in UTF-8 with Python's defaults. */
    private static AsyncFile wrap(EventLoop loop, FileCore core, Mode m) {
        return m.binary() ? new AsyncBinaryFile(loop, core)
                : new AsyncTextFile(loop, core, StandardCharsets.UTF_8, null, Newline.TRANSLATED);
    }

    /** Python's default prefix of temporary names; the JDK's would be none. */
    static String prefix(String prefix) {
        return prefix == null ? "tmp" : prefix;
    }
}
