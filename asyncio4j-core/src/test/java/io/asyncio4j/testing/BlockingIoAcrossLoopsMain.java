package io.asyncio4j.testing;

import io.asyncio4j.Asyncio;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Blocking java.net I/O inside a task, on two loops one after the other, in a fresh JVM so the
 * first loop is where the JDK starts its I/O pollers (virtual threads, lazily). Exit code 0 when
 * the second loop's read completes; before the fix it hung, because the pollers had inherited the
 * first (closed) loop's scheduler.
 */
public final class BlockingIoAcrossLoopsMain {
    public static void main(String[] args) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (true) {
                        Socket s = server.accept();
                        Thread.ofPlatform().daemon().start(() -> {
                            try (s; OutputStream out = s.getOutputStream(); InputStream in = s.getInputStream()) {
                                int b = in.read();
                                out.write(b);
                                out.flush();
                                in.read();
                            } catch (Exception ignored) {
                                // the client went away
                            }
                        });
                    }
                } catch (Exception closed) {
                    // the server socket closed
                }
            });
            for (int loop = 1; loop <= 2; loop++) {
                int expected = loop;
                int got = Asyncio.run(() -> {
                    try (Socket s = new Socket(server.getInetAddress(), server.getLocalPort())) {
                        s.getOutputStream().write(expected);
                        return s.getInputStream().read(); // parks this task's thread in the JDK's poller
                    }
                });
                if (got != expected) {
                    System.out.println("loop " + loop + " read " + got);
                    System.exit(1);
                }
                System.out.println("loop " + loop + " ok");
            }
            acceptor.interrupt();
        }
    }

    private BlockingIoAcrossLoopsMain() {}
}
