package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.files.AsyncFiles;
import io.asyncio4j.files.AsyncTextFile;
import io.asyncio4j.files.TemporaryDirectory;

import java.nio.file.Path;

/**
 * aiofiles' README example in Java: write a file and read it back, line by line, without ever
 * blocking the loop (each operation runs on the loop's default executor, so other tasks keep
 * running while the disk works).
 */
public final class AsyncFileIo {
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> {
            try (TemporaryDirectory dir = AsyncFiles.temporaryDirectory("aio-example")) {
                Path file = dir.path().resolve("filename.txt");
                try (AsyncTextFile f = AsyncFiles.openText(file, "w")) {
                    for (int i = 1; i <= 3; i++) {
                        f.write("line " + i + "\n");
                    }
                }
                try (AsyncTextFile f = AsyncFiles.openText(file, "r")) {
                    for (String line : f.lines()) {
                        System.out.println("read: " + line.strip());
                    }
                }
                System.out.println("size: " + AsyncFiles.getSize(file) + " bytes");
                System.out.println("listing: " + AsyncFiles.listDir(dir.path()));
            }
        });
    }
}
