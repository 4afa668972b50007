package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.process.AsyncProcess;
import io.asyncio4j.process.ProcessOutput;
import io.asyncio4j.process.Subprocess;
import io.asyncio4j.process.SubprocessOptions;

/**
 * asyncio docs, "Subprocesses": run shell commands with their output piped back, and several at
 * once with gather; a failing command reports its exit status and stderr.
 */
public final class Subprocesses {
    static String run(String cmd) throws Exception {
        AsyncProcess proc = Subprocess.createSubprocessShell(cmd, SubprocessOptions.pipes());
        ProcessOutput out = proc.communicate();
        StringBuilder sb = new StringBuilder("['" + cmd + "' exited with " + proc.returnCode() + "]\n");
        if (out.stdout().length > 0) {
            sb.append("[stdout]\n").append(out.stdoutText());
        }
        if (out.stderr().length > 0) {
            sb.append("[stderr]\n").append(out.stderrText());
        }
        return sb.toString();
    }

    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> {
            System.out.print(run("echo hello from a child process"));
            System.out.print(run("ls /zzz-does-not-exist"));
            var both = Asyncio.gather(Asyncio.createTask(() -> run("sleep 0.2; echo one")),
                    Asyncio.createTask(() -> run("sleep 0.2; echo two"))).await();
            both.forEach(System.out::print);
        });
    }
}
