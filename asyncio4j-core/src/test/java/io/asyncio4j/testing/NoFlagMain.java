package io.asyncio4j.testing;

import io.asyncio4j.loop.EventLoop;

/** Creates a loop; run without --add-opens to see the error users get. */
public final class NoFlagMain {
    public static void main(String[] args) {
        try (EventLoop loop = new EventLoop()) {
            System.out.println("created " + loop);
        } catch (IllegalStateException e) {
            System.out.println("ERROR: " + e.getMessage());
            System.exit(3);
        }
    }
}
