package io.asyncio4j;

import io.asyncio4j.loop.EventLoop;
import io.asyncio4j.loop.SlowStepReport;
import io.asyncio4j.testing.ChildJvm;
import io.asyncio4j.testing.NoFlagMain;
import io.asyncio4j.testing.SigintMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Things that need a real process or real time: the JVM flag, signals, Ctrl+C, the watchdog. */
@Timeout(60)
class RuntimeBehaviourTest {

    @Test
    void withoutTheAddOpensFlagTheLoopRefusesToStartWithAClearMessage() throws Exception {
        ChildJvm.Result r = ChildJvm.run(false, NoFlagMain.class);
        assertThat(r.exitCode()).as(r.output()).isEqualTo(3);
        assertThat(r.output()).contains("--add-opens java.base/java.lang=ALL-UNNAMED", "Add-Opens: java.base/java.lang");
        ChildJvm.Result ok = ChildJvm.run(true, NoFlagMain.class);
        assertThat(ok.exitCode()).as(ok.output()).isZero();
    }

    @Test
    void ctrlCDuringRunCancelsTheMainTaskSoFinallyBlocksRun() throws Exception {
        Process p = ChildJvm.builder(true, SigintMain.class).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("ready");
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        List<String> rest = out.lines().collect(Collectors.toList());
        assertThat(rest).containsExactly("main cleanup", "helper task cleanup", "KeyboardInterrupt");
        assertThat(p.exitValue()).isEqualTo(130);
    }

    @Test
    void signalHandlersRunOnTheLoop() throws Exception {
        List<String> log = new ArrayList<>();
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<String> got = loop.createFuture();
            Thread loopThread = Thread.currentThread();
            loop.addSignalHandler("SIGHUP", () -> {
                log.add("HUP on loop thread: " + (Asyncio.getRunningLoop() == loop));
                got.setResult("hup");
            });
            new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid())).start();
            assertThat(got.await()).isEqualTo("hup");
            assertThat(loop.removeSignalHandler("HUP")).isTrue();
            assertThat(loop.removeSignalHandler("HUP")).isFalse();
            assertThat(loopThread).isNotNull();
        });
        assertThat(log).containsExactly("HUP on loop thread: true");
    }

    @Test
    void theWatchdogReportsAStepThatHogsTheLoop() throws Exception {
        List<SlowStepReport> reports = new CopyOnWriteArrayList<>();
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            loop.setSlowStepHandler(reports::add);
            assertThat(loop.getSlowStepThreshold()).isEqualTo(Duration.ofMillis(100)); // debug mode default
            Task<Long> hog = Asyncio.createTask(RuntimeBehaviourTest::spinLikeANativeCall, "cpu-hog");
            hog.await();
        }, true);
        // (the main task's first step may be reported too: class loading of the assertions library is slow)
        List<SlowStepReport> hogs = reports.stream().filter(x -> x.owner().contains("cpu-hog")).toList();
        assertThat(hogs).hasSize(1);
        SlowStepReport r = hogs.get(0);
        assertThat(r.owner()).contains("cpu-hog");
        assertThat(r.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(Arrays.stream(r.stack()).map(StackTraceElement::getMethodName)).contains("spinLikeANativeCall");
        assertThat(Arrays.stream(r.creationSite()).map(StackTraceElement::getMethodName))
                .anyMatch(m -> m.contains("theWatchdogReportsAStepThatHogsTheLoop"));
        assertThat(r.describe()).contains("cpu-hog", "created at", "running at");
    }

    private static long spinLikeANativeCall() {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
        long x = 0;
        while (System.nanoTime() < end) {
            x += Long.numberOfTrailingZeros(x + System.nanoTime());
        }
        return x;
    }

    @Test
    void withoutDebugTheThresholdIsOneSecondAndConfigurable() {
        try (EventLoop loop = new EventLoop()) {
            loop.setDebug(false);
            assertThat(loop.getSlowStepThreshold()).isEqualTo(Duration.ofSeconds(1));
            loop.setSlowStepThreshold(Duration.ofMillis(250));
            assertThat(loop.getSlowStepThreshold()).isEqualTo(Duration.ofMillis(250));
        }
    }
}
