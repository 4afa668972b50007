package io.asyncio4j.http.client;

/**
 * The server closed the connection before sending a response head: aiohttp's
 * {@code ServerDisconnectedError}.
 *
 * <pre>{@code
 * try { session.get(url); } catch (ServerDisconnectedError e) { retry(); }
 * }</pre>
 */
public class ServerDisconnectedError extends ClientConnectionError {
    /** An error with a message. */
    public ServerDisconnectedError(String message) {
        super(message);
    }

    /** An error with a message and a cause. */
    public ServerDisconnectedError(String message, Throwable cause) {
        super(message, cause);
    }
}
