package io.asyncio4j;

import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.testing.BlockingIoAcrossLoopsMain;
import io.asyncio4j.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A virtual thread started inside a task inherits the task's scheduler (JDK behaviour); asyncio4j
 * runs it on the JDK's own scheduler instead, so it is an ordinary thread: never a loop step.
 */
@Timeout(60)
class VirtualThreadsStartedInTasksTest {

    @Test
    void itRunsWhileTheLoopThreadIsBlocked() throws Exception {
        Asyncio.run(() -> {
            CountDownLatch started = new CountDownLatch(1);
            AtomicReference<String> carrier = new AtomicReference<>();
            java.util.concurrent.atomic.AtomicBoolean ranWhileBlocked = new java.util.concurrent.atomic.AtomicBoolean();
            Thread child = Thread.ofVirtual().unstarted(() -> {
                carrier.set(Thread.currentThread().toString());
                started.countDown();
            });
            // block the loop thread itself: were the child a loop step, it could not run now
            EventLoop.current().callSoon(() -> {
                try {
                    ranWhileBlocked.set(started.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    throw new RuntimeException(e);
                }
            });
            child.start();
            Asyncio.sleep(0);
            assertThat(ranWhileBlocked).as("the child ran while the loop thread was blocked").isTrue();
            assertThat(carrier.get()).doesNotContain("asyncio4j-loop");
            return null;
        });
    }

    @Test
    void itOutlivesTheLoopThatStartedIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> child = new AtomicReference<>();
        Asyncio.run(() -> {
            child.set(Thread.ofVirtual().start(() -> {
                try {
                    release.await(); // parks; resumes after the loop is closed
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            return null;
        });
        release.countDown();
        assertThat(child.get().join(java.time.Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void blockingSocketIoInTasksWorksOnASecondLoop() throws Exception {
        java.nio.file.Path log = java.nio.file.Files.createTempFile("blocking-io", ".log");
        Process p = ChildJvm.builder(true, BlockingIoAcrossLoopsMain.class).redirectOutput(log.toFile()).start();
        boolean exited = p.waitFor(30, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly().waitFor();
        }
        String out = java.nio.file.Files.readString(log, StandardCharsets.UTF_8);
        java.nio.file.Files.delete(log);
        assertThat(exited).as("child JVM hung; output: " + out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("loop 1 ok", "loop 2 ok");
    }
}
