/**
 * Async files (aiofiles): {@link io.asyncio4j.files.AsyncFiles#open} with Python's modes giving
 * an {@link io.asyncio4j.files.AsyncTextFile} or {@link io.asyncio4j.files.AsyncBinaryFile}, and
 * async file-system operations ({@code stat}, {@code listDir}, {@code scanDir}, {@code makeDirs},
 * {@code rename}, {@code copy}, temporary files and directories). Every operation runs on the
 * loop's default executor (platform threads) while the calling task is suspended; the loop never
 * blocks on the disk. docs/benchmarks-files.md has the measurements behind that choice.
 *
 * <pre>{@code
 * try (AsyncTextFile f = AsyncFiles.openText(Path.of("big.log"), "r")) {
 *     long errors = 0;
 *     for (String line : f.lines()) {
 *         if (line.contains("ERROR")) errors++;
 *     }
 * }
 * }</pre>
 */
package io.asyncio4j.files;
