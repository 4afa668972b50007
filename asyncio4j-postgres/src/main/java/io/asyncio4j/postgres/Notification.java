package io.asyncio4j.postgres;

/**
 * A NOTIFY delivered to a LISTENing connection. asyncpg passes the same three values to its
 * listener callback ({@code connection, pid, channel, payload}).
 *
 * <pre>{@code
 * conn.addListener("jobs", n -> System.out.println(n.channel() + ": " + n.payload() + " from " + n.pid()));
 * }</pre>
 *
 * @param pid     the process ID of the notifying backend
 * @param channel the channel name
 * @param payload the payload ("" if none)
 */
public record Notification(int pid, String channel, String payload) {
}
