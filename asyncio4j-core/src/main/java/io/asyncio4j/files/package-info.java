/**
 * Async files (aiofiles): {@link io.asyncio4j.files.AsyncFiles#open} with Python's modes,
 * {@code encoding}, {@code errors} and {@code newline} giving an
 * {@link io.asyncio4j.files.AsyncTextFile} or {@link io.asyncio4j.files.AsyncBinaryFile}, and
 * async file-system operations ({@code aiofiles.os}: {@code stat}, {@code listDir},
 * {@code scanDir}, {@code makeDirs}, {@code rename}, {@code renames}, {@code removeDirs},
 * {@code sendfile}, links; {@code aiofiles.os.path}; {@code shutil}'s {@code copy} and
 * {@code rmtree}; temporary files and directories). Sizes and results follow Python's documented
 * semantics (text sizes in code points, {@code readline(size)}, {@code readlines(hint)}, text
 * {@code seek} limits), and errors are the JDK's types for Python's, tabled in
 * docs/asyncio-to-asyncio4j.md ({@code ValueError} = {@code IllegalArgumentException}, e.g. "I/O
 * operation on closed file."). Every operation runs on the loop's default executor (platform
 * threads) while the calling task is suspended; the loop never blocks on the disk.
 * docs/benchmarks-files.md has the measurements behind that choice.
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
