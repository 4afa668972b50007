package io.asyncio4j.files;

import java.nio.file.Path;

/**
 * One entry of {@link AsyncFiles#scanDir}: Python's {@code os.DirEntry}, with the type known
 * without another call.
 *
 * <pre>{@code
 * for (DirEntry e : AsyncFiles.scanDir(dir)) {
 *     if (e.isFile()) System.out.println(e.name() + " " + e.size());
 * }
 * }</pre>
 *
 * @param name      the entry's file name
 * @param path      the directory joined with the name
 * @param isDir     a directory (following a symbolic link, as {@code is_dir()} does)
 * @param isFile    a regular file (following a symbolic link)
 * @param isSymlink a symbolic link
 * @param size      the size in bytes (of the link target for links; 0 for a broken link)
 */
public record DirEntry(String name, Path path, boolean isDir, boolean isFile, boolean isSymlink, long size) {
}
