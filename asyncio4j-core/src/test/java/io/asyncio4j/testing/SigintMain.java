package io.asyncio4j.testing;

import io.asyncio4j.Asyncio;
import io.asyncio4j.KeyboardInterrupt;

/** A program whose main task waits forever; Ctrl+C (SIGINT) must run its finally block. */
public final class SigintMain {
    public static void main(String[] args) throws Exception {
        try {
            Asyncio.run(() -> {
                Asyncio.createTask(() -> {
                    try {
                        Asyncio.sleep(3600);
                    } finally {
                        System.out.println("helper task cleanup");
                    }
                });
                try {
                    System.out.println("ready");
                    System.out.flush();
                    Asyncio.sleep(3600);
                } finally {
                    System.out.println("main cleanup");
                }
            });
        } catch (KeyboardInterrupt e) {
            System.out.println("KeyboardInterrupt");
            System.exit(130);
        }
    }
}
