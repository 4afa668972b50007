package io.asyncio4j.files;

import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * What {@link AsyncFiles#stat} found: the useful part of Python's {@code os.stat_result}.
 *
 * <pre>{@code
 * FileStat st = AsyncFiles.stat(path);
 * System.out.println(st.size() + " bytes, modified " + st.mtime());
 * }</pre>
 *
 * @param size           {@code st_size}, in bytes
 * @param lastModified   {@code st_mtime}
 * @param lastAccess     {@code st_atime}
 * @param creation       the creation time where the file system records it (else the modification time)
 * @param isDirectory    a directory
 * @param isRegularFile  a regular file
 * @param isSymbolicLink a symbolic link (only when the link itself was looked at)
 * @param permissions    the POSIX permission bits, or null where the file system has none
 */
public record FileStat(long size, FileTime lastModified, FileTime lastAccess, FileTime creation,
                       boolean isDirectory, boolean isRegularFile, boolean isSymbolicLink,
                       Set<PosixFilePermission> permissions) {

    /** {@code st_mtime}: the modification time in seconds since the epoch. */
    public double mtime() {
        return lastModified.toMillis() / 1000.0;
    }

    /** The permission bits as {@code st_mode & 0o777}, or -1 where there are none. */
    public int modeBits() {
        if (permissions == null) {
            return -1;
        }
        int m = 0;
        for (PosixFilePermission p : permissions) {
            m |= 1 << (8 - p.ordinal());
        }
        return m;
    }
}
