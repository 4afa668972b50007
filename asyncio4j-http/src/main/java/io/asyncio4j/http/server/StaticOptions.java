package io.asyncio4j.http.server;

/**
 * Options of a static route ({@link Router#addStatic}).
 *
 * <p>The analog of the keyword arguments of aiohttp's {@code add_static} ({@code show_index},
 * {@code follow_symlinks}).
 *
 * <pre>{@code
 * router.addStatic("/files", dir, StaticOptions.DEFAULTS.showIndex(true));
 * }</pre>
 *
 * @param showIndex list a directory's files when its path is requested (else 403)
 * @param followSymlinks serve symbolic links whose target lies outside the directory (default: no)
 * @param chunkSize unused by sendfile; the piece size when streaming instead
 */
public record StaticOptions(boolean showIndex, boolean followSymlinks, int chunkSize) {
    /** No index, no symlinks out of the directory, 256 KiB pieces. */
    public static final StaticOptions DEFAULTS = new StaticOptions(false, false, 256 * 1024);

    /** A copy with {@code showIndex}. */
    public StaticOptions showIndex(boolean v) {
        return new StaticOptions(v, followSymlinks, chunkSize);
    }

    /** A copy with {@code followSymlinks}. */
    public StaticOptions followSymlinks(boolean v) {
        return new StaticOptions(showIndex, v, chunkSize);
    }
}
