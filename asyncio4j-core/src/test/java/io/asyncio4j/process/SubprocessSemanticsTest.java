package io.asyncio4j.process;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.asyncio4j.process.SubprocessTest.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** asyncio.subprocess.Process against CPython 3.12+'s behaviour (observed on CPython). */
@Timeout(10)
class SubprocessSemanticsTest {

    @Test
    void signallingAProcessThatWasWaitedForIsAProcessLookupError() throws Exception {
        // wait() returns once the transport is finished (3.12+); then _proc is gone: ProcessLookupError.
        Asyncio.run(() -> {
            AsyncProcess plain = Subprocess.createSubprocessExec("true");
            assertThat(plain.waitFor()).isZero();
            assertThatThrownBy(plain::kill).isInstanceOf(ProcessLookupError.class);
            AsyncProcess piped = Subprocess.createSubprocessExec(
                    SubprocessOptions.defaults().stdout(Redirect.PIPE), "true");
            assertThat(piped.waitFor()).isZero();
            assertThatThrownBy(piped::terminate).isInstanceOf(ProcessLookupError.class);
            assertThatThrownBy(() -> piped.sendSignal(10)).isInstanceOf(ProcessLookupError.class);
        });
    }

    @Test
    void aChildThatExitedWhileItsPipeIsStillOpenIsSignalledSilently() throws Exception {
        // Popen.send_signal skips a child whose return code is known, while the transport still runs.
        Asyncio.run(() -> {
            Future<Void> exited = Asyncio.getRunningLoop().createFuture();
            Future<Void> lost = Asyncio.getRunningLoop().createFuture();
            Future<Void> gotPid = Asyncio.getRunningLoop().createFuture();
            StringBuilder out = new StringBuilder();
            SubprocessConnection<SubprocessProtocol> c = Subprocess.subprocessShell(() -> new SubprocessProtocol() {
                @Override
                public void pipeDataReceived(int fd, byte[] data) {
                    out.append(str(data));
                    if (out.indexOf("\n") >= 0 && !gotPid.isDone()) {
                        gotPid.setResult(null);
                    }
                }

                @Override
                public void processExited() {
                    exited.setResult(null);
                }

                @Override
                public void connectionLost(Throwable exc) {
                    lost.setResult(null);
                }
            }, "sleep 30 & echo $!", SubprocessOptions.defaults().stdout(Redirect.PIPE)); // sleep holds stdout
            exited.await();
            gotPid.await();
            SubprocessTransport t = c.transport();
            t.kill(); // no error, and no signal: the shell is gone
            assertThat(t.getReturncode()).isZero();
            assertThat(lost.isDone()).isFalse();
            Subprocess.createSubprocessExec("kill", out.toString().trim()).waitFor();
            lost.await();
            assertThatThrownBy(t::kill).isInstanceOf(ProcessLookupError.class);
        });
    }

    @Test
    void communicateAfterWaitAndTwice() throws Exception {
        Asyncio.run(() -> {
            AsyncProcess p = Subprocess.createSubprocessShell("echo hi",
                    SubprocessOptions.defaults().stdin(Redirect.PIPE).stdout(Redirect.PIPE));
            assertThat(p.waitFor()).isZero();
            ProcessOutput out = p.communicate("x".getBytes());
            assertThat(str(out.stdout())).isEqualTo("hi\n");
            assertThat(out.stderr()).isNull();
            ProcessOutput again = p.communicate("x".getBytes());
            assertThat(again.stdout()).isEmpty();
            assertThat(again.stderr()).isNull();
        });
    }

    @Test
    void communicateIgnoresInputWithoutAStdinPipe() throws Exception {
        // 3.12+: communicate() feeds stdin only when stdin is a pipe
        Asyncio.run(() -> {
            AsyncProcess p = Subprocess.createSubprocessExec(
                    SubprocessOptions.defaults().stdin(Redirect.DEVNULL).stdout(Redirect.PIPE), "cat");
            ProcessOutput out = p.communicate("ignored".getBytes());
            assertThat(out.stdout()).isEmpty();
            assertThat(p.returnCode()).isZero();
        });
    }

    @Test
    void returnCodeIsNullUntilTheChildExits() throws Exception {
        Asyncio.run(() -> {
            AsyncProcess p = Subprocess.createSubprocessExec(
                    SubprocessOptions.defaults().stdin(Redirect.PIPE), "cat");
            assertThat(p.returnCode()).isNull();
            assertThat(p.stdout()).isNull();
            assertThat(p.stderr()).isNull();
            p.stdin().close();
            assertThat(p.waitFor()).isZero();
            assertThat(p.returnCode()).isZero();
        });
    }

    @Test
    void aProgramThatCannotBeExecutedIsAPermissionError() throws Exception {
        // PermissionError: [Errno 13] Permission denied: '/etc/passwd' (and for a directory)
        Asyncio.run(() -> {
            assertThatThrownBy(() -> Subprocess.createSubprocessExec("/etc/passwd"))
                    .isInstanceOf(java.nio.file.AccessDeniedException.class)
                    .hasMessageContaining("/etc/passwd");
            assertThatThrownBy(() -> Subprocess.createSubprocessExec("/tmp"))
                    .isInstanceOf(java.nio.file.AccessDeniedException.class);
        });
    }
}
