package io.asyncio4j.process;

/**
 * A signal could not be sent because the process is gone or its transport is closed: Python's
 * {@code ProcessLookupError}.
 *
 * <pre>{@code
 * transport.close();
 * try { transport.sendSignal("SIGUSR1"); } catch (ProcessLookupError e) { ... }
 * }</pre>
 */
public class ProcessLookupError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ProcessLookupError(String message) {
        super(message);
    }
}
