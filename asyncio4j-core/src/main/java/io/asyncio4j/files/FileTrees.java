package io.asyncio4j.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/** The blocking parts of {@link AsyncFiles}' tree operations (shutil.rmtree, os.removedirs, shutil.copy); run on the executor. */
final class FileTrees {
    private FileTrees() {
    }

    /**
     * The blocking tree removal; {@code makeWritable} first gives each directory the permissions
     * 0700, as {@code tempfile.TemporaryDirectory}'s cleanup does so that read-only content goes too.
     */
    static void deleteTree(Path path, boolean makeWritable) throws IOException {
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (makeWritable) {
                    try {
                        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                    } catch (UnsupportedOperationException notPosix) {
                        // nothing to reset
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Removes {@code dir} and its named parents while they are empty directories; errors end it, as in Python. */
    static void pruneEmpty(Path dir) {
        for (Path d = dir; d != null && d.getFileName() != null; d = d.getParent()) {
            try {
                Files.delete(d);
            } catch (IOException stop) {
                return;
            }
        }
    }

    /** The blocking part of {@link AsyncFiles#copy}. */
    static Path copy(Path src, Path dst) throws IOException {
        if (Files.isDirectory(src)) {
            throw FileCore.isADirectory(src);
        }
        Path target = Files.isDirectory(dst) ? dst.resolve(src.getFileName()) : dst;
        if (Files.exists(target) && Files.isSameFile(src, target)) {
            throw new java.nio.file.FileSystemException(src.toString(), target.toString(), "are the same file");
        }
        Files.copy(src, target, StandardCopyOption.REPLACE_EXISTING);
        try {
            Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(src));
        } catch (UnsupportedOperationException notPosix) {
            // no permission bits to copy
        }
        return target;
    }
}
