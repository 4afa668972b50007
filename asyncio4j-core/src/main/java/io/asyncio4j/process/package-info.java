/**
 * Child processes with async pipes: asyncio's {@code asyncio.subprocess} module and the
 * subprocess half of its transports and protocols.
 *
 * <ul>
 *   <li>{@link io.asyncio4j.process.Subprocess}: {@code createSubprocessExec},
 *       {@code createSubprocessShell}, and the low-level {@code subprocessExec} /
 *       {@code subprocessShell};</li>
 *   <li>{@link io.asyncio4j.process.AsyncProcess}: pid, return code, {@code waitFor()},
 *       {@code communicate()}, signals, with a {@link io.asyncio4j.stream.StreamWriter}
 *       for stdin and {@link io.asyncio4j.stream.StreamReader}s for stdout and stderr: the same
 *       stream classes as a socket's, as in asyncio;</li>
 *   <li>{@link io.asyncio4j.process.SubprocessProtocol} and
 *       {@link io.asyncio4j.process.SubprocessTransport} for protocol-style code, whose pipes
 *       ({@link io.asyncio4j.process.ReadPipeTransport}, {@link io.asyncio4j.process.WritePipeTransport})
 *       are the network package's {@link io.asyncio4j.net.ReadTransport} and
 *       {@link io.asyncio4j.net.WriteTransport}.</li>
 * </ul>
 *
 * <p>How it works: the JDK gives no selectable pipe channels, so each pipe has a platform thread
 * that blocks in the JDK's stream and hands chunks to the loop through {@code callSoonThreadsafe};
 * the thread stops reading while the stream reader has its pipe transport paused (more than twice
 * its limit buffered: bounded memory per pipe), and
 * writing to stdin is backpressured through {@code drain()}. Sending a signal other than SIGTERM
 * and SIGKILL uses {@code kill(2)} through the FFM API; pass
 * {@code --enable-native-access=io.asyncio4j.core} (or {@code ALL-UNNAMED} on the class path) to
 * avoid the JDK's warning about it.
 *
 * <pre>{@code
 * AsyncProcess p = Subprocess.createSubprocessExec(
 *         SubprocessOptions.defaults().stdout(Redirect.PIPE), "git", "log", "--oneline");
 * for (byte[] line; (line = p.stdout().readLine()).length > 0; ) {
 *     System.out.print(new String(line));
 * }
 * int rc = p.waitFor();
 * }</pre>
 */
package io.asyncio4j.process;
