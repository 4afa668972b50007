package io.asyncio4j.process;

/**
 * The {@code (transport, protocol)} pair that asyncio's {@code loop.subprocess_exec} returns.
 *
 * <pre>{@code
 * SubprocessConnection<MyProtocol> c = Subprocess.subprocessExec(MyProtocol::new, List.of("ls"),
 *         SubprocessOptions.defaults().stdout(Redirect.PIPE));
 * c.transport().getPid();
 * }</pre>
 *
 * @param transport the child's transport
 * @param protocol  the protocol the factory made
 * @param <P>       the protocol type
 */
public record SubprocessConnection<P extends SubprocessProtocol>(SubprocessTransport transport, P protocol) {
}
