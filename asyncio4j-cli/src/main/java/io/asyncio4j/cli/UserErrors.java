package io.asyncio4j.cli;

import java.net.BindException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;

/** Turns the exceptions users cause (bad URL, port in use, missing directory) into one clear line. */
final class UserErrors {
    private UserErrors() {}

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root
                && (root instanceof RuntimeException && root.getMessage() == null || root instanceof java.util.concurrent.ExecutionException)) {
            root = root.getCause();
        }
        if (root instanceof BindException) {
            return "cannot listen: " + root.getMessage() + " (is the port already in use?)";
        }
        if (root instanceof UnknownHostException) {
            return "unknown host: " + root.getMessage();
        }
        if (root instanceof ConnectException) {
            return "cannot connect: " + root.getMessage();
        }
        if (root instanceof NoSuchFileException) {
            return "no such file or directory: " + root.getMessage();
        }
        String m = root.getMessage();
        return m == null ? root.getClass().getSimpleName() : m;
    }
}
