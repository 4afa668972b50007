package io.asyncio4j.process;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.VoidCoroutine;
import io.asyncio4j.net.ReadTransport;
import io.asyncio4j.net.WriteTransport;
import io.asyncio4j.stream.IncompleteReadError;
import io.asyncio4j.stream.LimitOverrunError;
import io.asyncio4j.stream.StreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubprocessTest {
    static final String PY = "/usr/bin/python3";

    static void run(VoidCoroutine body) throws Exception {
        Asyncio.run(body);
    }

    static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    @Timeout(10)
    void echoThroughCat() throws Exception {
        run(() -> {
            AsyncProcess p = Subprocess.createSubprocessExec(SubprocessOptions.pipes(), "cat");
            assertThat(p.pid()).isPositive();
            assertThat(p.returnCode()).isNull();
            p.stdin().write("hello\n".getBytes());
            p.stdin().drain();
            assertThat(str(p.stdout().readLine())).isEqualTo("hello\n");
            p.stdin().write("world".getBytes());
            p.stdin().close();
            assertThat(str(p.stdout().read())).isEqualTo("world");
            assertThat(p.stdout().atEof()).isTrue();
            assertThat(p.waitFor()).isZero();
            assertThat(p.returnCode()).isZero();
            assertThat(p.stderr().read()).isEmpty();
        });
    }

    @Test
    @Timeout(30)
    void communicateTwentyMegabytesOnEveryPipeAtOnce() throws Exception {
        // The child echoes each chunk of stdin to both stdout and stderr as it reads: a caller that
        // did not serve all three pipes at once would deadlock.
        String script = """
                import sys
                i, o, e = sys.stdin.buffer, sys.stdout.buffer, sys.stderr.buffer
                while True:
                    b = i.read1(65536)
                    if not b:
                        break
                    o.write(b); e.write(b)
                """;
        byte[] input = new byte[20 * 1024 * 1024];
        for (int i = 0; i < input.length; i++) {
            input[i] = (byte) (i * 31 + (i >>> 16));
        }
        run(() -> {
            AsyncProcess p = Subprocess.createSubprocessExec(SubprocessOptions.pipes(), PY, "-c", script);
            ProcessOutput out = p.communicate(input);
            assertThat(p.returnCode()).isZero();
            assertThat(out.stdout().length).isEqualTo(input.length);
            assertThat(out.stderr().length).isEqualTo(input.length);
            assertThat(Arrays.equals(out.stdout(), input)).isTrue();
            assertThat(Arrays.equals(out.stderr(), input)).isTrue();
        });
    }

    @Test
    @Timeout(10)
    void returnCodes() throws Exception {
        run(() -> {
            AsyncProcess ok = Subprocess.createSubprocessExec("true");
            assertThat(ok.waitFor()).isZero();
            AsyncProcess bad = Subprocess.createSubprocessShell("exit 3");
            assertThat(bad.waitFor()).isEqualTo(3);
            assertThat(bad.returnCode()).isEqualTo(3);
            assertThat(bad.waitFor()).isEqualTo(3); // again, at once
            AsyncProcess big = Subprocess.createSubprocessShell("exit 143");
            assertThat(big.waitFor()).isEqualTo(143); // no signal was sent by us: a plain status
        });
    }

    @Test
    @Timeout(10)
    void terminateAndKillGiveNegativeSignalNumbers() throws Exception {
        run(() -> {
            AsyncProcess t = Subprocess.createSubprocessExec(SubprocessOptions.pipes(), "sleep", "1000");
            AsyncProcess k = Subprocess.createSubprocessExec("sleep", "1000");
            assertThat(t.returnCode()).isNull();
            t.terminate();
            k.kill();
            assertThat(t.waitFor()).isEqualTo(-15);
            assertThat(k.waitFor()).isEqualTo(-9);
            assertThat(t.returnCode()).isEqualTo(-15);
            assertThat(t.stdout().read()).isEmpty();
        });
    }

    @Test
    @Timeout(10)
    void sendSignalByNameAndNumber() throws Exception {
        String script = """
                import signal, sys, time
                def on_usr1(n, f):
                    print("got", n, flush=True)
                    sys.exit(7)
                signal.signal(signal.SIGUSR1, on_usr1)
                print("ready", flush=True)
                time.sleep(100)
                """;
        run(() -> {
            AsyncProcess p = Subprocess.createSubprocessExec(
                    SubprocessOptions.defaults().stdout(Redirect.PIPE), PY, "-c", script);
            assertThat(str(p.stdout().readLine())).isEqualTo("ready\n");
            p.sendSignal("SIGUSR1");
            assertThat(str(p.stdout().readLine())).isEqualTo("got 10\n");
            assertThat(p.waitFor()).isEqualTo(7);

            AsyncProcess s = Subprocess.createSubprocessExec("sleep", "1000");
            s.sendSignal(2); // SIGINT
            assertThat(s.waitFor()).isEqualTo(-2);
            assertThatThrownBy(() -> s.sendSignal("HUP")).isInstanceOf(ProcessLookupError.class);
            assertThatThrownBy(() -> s.sendSignal("SIGNOPE")).isInstanceOf(IllegalArgumentException.class);
        });
    }

    @Test
    @Timeout(10)
    void devnullAndInherit() throws Exception {
        run(() -> {
            AsyncProcess quiet = Subprocess.createSubprocessShell("echo to-devnull; echo err-devnull >&2",
                    SubprocessOptions.defaults().stdout(Redirect.DEVNULL).stderr(Redirect.DEVNULL));
            assertThat(quiet.stdout()).isNull();
            assertThat(quiet.stderr()).isNull();
            assertThat(quiet.stdin()).isNull();
            ProcessOutput none = quiet.communicate();
            assertThat(none.stdout()).isNull();
            assertThat(none.stderr()).isNull();
            assertThat(quiet.returnCode()).isZero();

            // stdin from /dev/null: cat sees end of file at once
            AsyncProcess cat = Subprocess.createSubprocessExec(
                    SubprocessOptions.defaults().stdin(Redirect.DEVNULL).stdout(Redirect.PIPE), "cat");
            assertThat(cat.communicate().stdout()).isEmpty();

            AsyncProcess inherit = Subprocess.createSubprocessExec("true");
            assertThat(inherit.stdout()).isNull();
            assertThat(inherit.waitFor()).isZero();
        });
    }

    @Test
    @Timeout(10)
    void stderrToStdout() throws Exception {
        run(() -> {
            AsyncProcess p = Subprocess.createSubprocessShell("echo out; echo err >&2; echo out2",
                    SubprocessOptions.defaults().stdout(Redirect.PIPE).stderr(Redirect.STDOUT));
            assertThat(p.stderr()).isNull();
            ProcessOutput out = p.communicate();
            assertThat(out.stdoutText()).isEqualTo("out\nerr\nout2\n");
            assertThat(out.stderr()).isNull();
        });
    }

    @Test
    @Timeout(10)
    void readLineLoopOverManyLines() throws Exception {
        run(() -> {
            AsyncProcess p = Subprocess.createSubprocessExec(
                    SubprocessOptions.defaults().stdout(Redirect.PIPE).limit(1024), "seq", "1", "100000");
            long sum = 0;
            int count = 0;
            byte[] line;
            while ((line = p.stdout().readLine()).length > 0) {
                assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
                sum += Long.parseLong(str(line).trim());
                count++;
                // Flow control: the buffer never holds much more than 2 x limit (+ one chunk).
                assertThat(p.stdout().buffered()).isLessThanOrEqualTo(2 * 1024 + ReadPipe.CHUNK);
            }
            assertThat(count).isEqualTo(100_000);
            assertThat(sum).isEqualTo(100_000L * 100_001 / 2);
            assertThat(p.waitFor()).isZero();
        });
    }

    @Test
    @Timeout(10)
    void readerBuffersAreBoundedWhileNobodyReads() throws Exception {
        run(() -> {
            AsyncProcess p = Subprocess.createSubprocessExec(
                    SubprocessOptions.defaults().stdout(Redirect.PIPE), "head", "-c", "8000000", "/dev/zero");
            // Give the pump every chance to overfill; the invariant must hold whatever the timing.
            for (int i = 0; i < 20; i++) {
                Asyncio.sleep(0.01);
                assertThat(p.stdout().buffered())
                        .isLessThanOrEqualTo(2 * SubprocessOptions.DEFAULT_LIMIT + ReadPipe.CHUNK);
            }
            assertThat(p.returnCode()).isNull(); // blocked on the full pipe
            // The StreamReader paused its pipe transport: the pipe's thread reads no more.
            ReadTransport pipe = (ReadTransport) p.transport().getPipeTransport(1);
            assertThat(pipe.isReading()).isFalse();
            assertThat(p.stdout().read().length).isEqualTo(8_000_000);
            assertThat(p.waitFor()).isZero();
        });
    }

    @Test
    @Timeout(10)
    void cancellingAWaiterLeavesTheProcessRunningAndKillable() throws Exception {
        run(() -> {
            AsyncProcess p = Subprocess.createSubprocessExec("sleep", "1000");
            Task<Integer> waiter = Asyncio.createTask(p::waitFor);
            Asyncio.sleep(0);
            Asyncio.sleep(0);
            waiter.cancel();
            assertThatThrownBy(waiter::await).isInstanceOf(CancelledError.class);
            assertThat(p.returnCode()).isNull();
            assertThat(ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive)).contains(true);
            p.kill();
            assertThat(p.waitFor()).isEqualTo(-9);
        });
    }

    @Test
    @Timeout(10)
    void cancellingAReadLeavesTheStreamUsable() throws Exception {
        run(() -> {
            AsyncProcess p = Subprocess.createSubprocessExec(SubprocessOptions.pipes(), "cat");
            p.stdin().write("par".getBytes());
            Task<byte[]> reader = Asyncio.createTask(() -> p.stdout().readLine());
            while (p.stdout().buffered() < 3) {
                Asyncio.sleep(0.001); // until "par" has arrived and the reader waits for the rest
            }
            reader.cancel();
            assertThatThrownBy(reader::await).isInstanceOf(CancelledError.class);
            p.stdin().write("tial\n".getBytes());
            assertThat(str(p.stdout().readLine())).isEqualTo("partial\n");
            p.stdin().close();
            assertThat(p.waitFor()).isZero();
        });
    }

    @Test
    @Timeout(10)
    void shellPipeline() throws Exception {
        run(() -> {
            AsyncProcess p = Subprocess.createSubprocessShell("tr a-z A-Z | rev", SubprocessOptions.pipes());
            ProcessOutput out = p.communicate("hello\nworld\n".getBytes());
            assertThat(out.stdoutText()).isEqualTo("OLLEH\nDLROW\n");
            assertThat(out.stderrText()).isEmpty();
            assertThat(p.returnCode()).isZero();
        });
    }

    @Test
    @Timeout(10)
    void programNotFound() throws Exception {
        run(() -> {
            assertThatThrownBy(() -> Subprocess.createSubprocessExec("/no/such/program-xyz", "a"))
                    .isInstanceOf(FileNotFoundException.class)
                    .hasMessageContaining("/no/such/program-xyz");
            assertThatThrownBy(() -> Subprocess.createSubprocessExec(
                    SubprocessOptions.defaults().cwd(Path.of("/no/such/dir-xyz")), "true"))
                    .isInstanceOf(FileNotFoundException.class)
                    .hasMessageContaining("/no/such/dir-xyz");
        });
    }

    @Test
    @Timeout(10)
    void startingOutsideATaskIsRefused() throws Exception {
        try (var loop = new io.asyncio4j.loop.EventLoop()) {
            Future<Throwable> seen = loop.createFuture();
            loop.callSoon(() -> {
                try {
                    Subprocess.createSubprocessExec("true");
                    seen.setResult(null);
                } catch (Throwable t) {
                    seen.setResult(t);
                }
            });
            assertThat(loop.runUntilComplete(seen)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("inside a task");
        }
    }

    @Test
    @Timeout(10)
    void envAndCwd() throws Exception {
        Path dir = Files.createTempDirectory("asyncio4j-cwd").toRealPath();
        try {
            run(() -> {
                AsyncProcess p = Subprocess.createSubprocessShell("echo \"$FOO\"; pwd",
                        SubprocessOptions.defaults().stdout(Redirect.PIPE).cwd(dir)
                                .env(Map.of("FOO", "bar baz", "PATH", "/usr/bin:/bin")));
                assertThat(p.communicate().stdoutText()).isEqualTo("bar baz\n" + dir + "\n");
            });
        } finally {
            Files.delete(dir);
        }
    }

    @Test
    @Timeout(10)
    void readExactlyAndReadUntil() throws Exception {
        run(() -> {
            AsyncProcess p = Subprocess.createSubprocessExec(
                    SubprocessOptions.defaults().stdout(Redirect.PIPE), "printf", "abcdef--ghi--jk");
            StreamReader r = p.stdout();
            assertThat(str(r.readExactly(3))).isEqualTo("abc");
            assertThat(str(r.readUntil("--".getBytes()))).isEqualTo("def--");
            assertThat(str(r.readUntil("--".getBytes()))).isEqualTo("ghi--");
            assertThatThrownBy(() -> r.readExactly(5))
                    .isInstanceOfSatisfying(IncompleteReadError.class, e -> {
                        assertThat(str(e.partial())).isEqualTo("jk");
                        assertThat(e.expected()).isEqualTo(5);
                    });
            assertThat(r.atEof()).isTrue();
            assertThat(r.read(10)).isEmpty();
            p.waitFor();
        });
    }

    @Test
    @Timeout(10)
    void longLineOverTheLimit() throws Exception {
        run(() -> {
            AsyncProcess p = Subprocess.createSubprocessExec(
                    SubprocessOptions.defaults().stdout(Redirect.PIPE).limit(100), PY, "-c",
                    "print('x' * 500); print('short')");
            StreamReader r = p.stdout();
            // asyncio's ValueError, caused by the LimitOverrunError of the search
            assertThatThrownBy(r::readLine).isInstanceOf(IllegalArgumentException.class)
                    .hasCauseInstanceOf(LimitOverrunError.class);
            // The long line was discarded (up to where the search stopped); the stream goes on.
            byte[] rest = r.read();
            assertThat(str(rest)).endsWith("short\n");
            p.waitFor();
        });
    }

    @Test
    @Timeout(10)
    void drainAfterTheChildExitedThrows() throws Exception {
        run(() -> {
            AsyncProcess p = Subprocess.createSubprocessExec(SubprocessOptions.pipes(), "true");
            assertThat(p.waitFor()).isZero();
            p.stdin().write(new byte[1 << 20]);
            assertThatThrownBy(() -> p.stdin().drain()).isInstanceOf(IOException.class);
        });
    }

    @Test
    @Timeout(10)
    void stdinBackpressure() throws Exception {
        run(() -> {
            // sh reads one line, then sleeps on a pipe nobody writes: stdin fills up and drain waits.
            AsyncProcess p = Subprocess.createSubprocessShell("head -c 10 >/dev/null; exec cat >/dev/null",
                    SubprocessOptions.pipes());
            WriteTransport t = p.stdin().transport();
            assertThat(t).isInstanceOf(WritePipeTransport.class);
            byte[] mb = new byte[1 << 20];
            for (int i = 0; i < 8; i++) {
                p.stdin().write(mb);
                p.stdin().drain();
                assertThat(t.getWriteBufferSize()).isLessThanOrEqualTo(16 * 1024);
            }
            p.stdin().close();
            p.stdin().waitClosed();
            assertThat(p.waitFor()).isZero();
        });
    }

    @Test
    @Timeout(10)
    void lowLevelProtocolSeesEventsInOrder() throws Exception {
        List<String> events = new ArrayList<>();
        run(() -> {
            Future<Void> lost = Asyncio.getRunningLoop().createFuture();
            class Recorder implements SubprocessProtocol {
                final StringBuilder out = new StringBuilder();
                SubprocessTransport transport;

                @Override
                public void connectionMade(SubprocessTransport t) {
                    transport = t;
                    events.add("made");
                }

                @Override
                public void pipeDataReceived(int fd, byte[] data) {
                    out.append(fd).append(':').append(str(data)).append(';');
                }

                @Override
                public void pipeConnectionLost(int fd, Throwable exc) {
                    events.add("pipe" + fd + (exc == null ? "" : " " + exc));
                }

                @Override
                public void processExited() {
                    events.add("exited " + transport.getReturncode());
                }

                @Override
                public void connectionLost(Throwable exc) {
                    events.add("lost");
                    lost.setResult(null);
                }
            }
            SubprocessConnection<Recorder> c = Subprocess.subprocessShell(Recorder::new, "cat; exit 5",
                    SubprocessOptions.defaults().stdin(Redirect.PIPE).stdout(Redirect.PIPE));
            SubprocessTransport t = c.transport();
            assertThat(t.getPipeTransport(2)).isNull();
            assertThat(t.getPipeTransport(1)).isInstanceOf(ReadPipeTransport.class).isInstanceOf(ReadTransport.class);
            WritePipeTransport in = (WritePipeTransport) t.getPipeTransport(0);
            in.write("ping".getBytes());
            in.writeEof();
            lost.await();
            assertThat(c.protocol().out.toString()).isEqualTo("1:ping;");
            assertThat(t.getReturncode()).isEqualTo(5);
            assertThat(events.getFirst()).isEqualTo("made");
            assertThat(events.getLast()).isEqualTo("lost");
            assertThat(events).containsExactlyInAnyOrder("made", "pipe0", "pipe1", "exited 5", "lost");
            assertThat(events.indexOf("pipe0")).isLessThan(events.indexOf("pipe1"));
        });
    }

    @Test
    @Timeout(10)
    void closingTheTransportKillsARunningChild() throws Exception {
        run(() -> {
            Future<Void> lost = Asyncio.getRunningLoop().createFuture();
            SubprocessConnection<SubprocessProtocol> c = Subprocess.subprocessExec(() -> new SubprocessProtocol() {
                @Override
                public void connectionLost(Throwable exc) {
                    lost.setResult(null);
                }
            }, List.of("sleep", "1000"), SubprocessOptions.defaults().stdout(Redirect.PIPE));
            c.transport().close();
            assertThat(c.transport().isClosing()).isTrue();
            lost.await();
            assertThat(c.transport().getReturncode()).isEqualTo(-9);
        });
    }
}
