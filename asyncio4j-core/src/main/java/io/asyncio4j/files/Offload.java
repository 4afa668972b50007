package io.asyncio4j.files;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.loop.EventLoop;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.Callable;

/**
 * Runs blocking file work on the loop's default executor (platform threads) and awaits it in the
 * calling task, rethrowing the work's own exception. The choice of the executor over
 * {@code AsynchronousFileChannel} is measured in docs/benchmarks-files.md.
 */
final class Offload {
    private Offload() {
    }

    interface IoCall<T> {
        T call() throws IOException;
    }

    static <T> T call(EventLoop loop, IoCall<T> work) throws IOException {
        requireTask();
        Callable<T> c = work::call;
        try {
            return loop.runInExecutor(null, c).await();
        } catch (FileSystemException e) {
            throw asPython(e);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /**
     * The JDK reports some errnos only as a plain {@link FileSystemException} with strerror's text
     * (renaming or creating under a file: ENOTDIR; renaming onto a non-empty directory: ENOTEMPTY),
     * where Python raises {@code NotADirectoryError} / {@code OSError(ENOTEMPTY)}; this gives them
     * the JDK types that docs/asyncio-to-asyncio4j.md maps those to, the original as the cause.
     */
    static IOException asPython(FileSystemException e) {
        if (e.getClass() != FileSystemException.class || e.getReason() == null) {
            return e;
        }
        FileSystemException typed = switch (e.getReason()) {
            case "Not a directory" -> new NotDirectoryException(e.getFile());
            case "Directory not empty" -> new DirectoryNotEmptyException(e.getFile());
            default -> null;
        };
        if (typed == null) {
            return e;
        }
        typed.initCause(e);
        return typed;
    }

    /** Refuses to start work whose result nobody could await (and whose file nobody would close). */
    static void requireTask() {
        if (Task.current() == null) {
            throw new IllegalStateException("async file operations must be called inside a task (Asyncio.run / createTask)");
        }
    }

    static <T> T call(IoCall<T> work) throws IOException {
        return call(Asyncio.getRunningLoop(), work);
    }
}
