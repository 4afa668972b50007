package io.asyncio4j.stream;

/**
 * The {@code (reader, writer)} pair returned by {@link Streams#openConnection}.
 *
 * <pre>{@code
 * StreamPair s = Streams.openConnection("127.0.0.1", 8888);
 * s.writer().write(request);
 * byte[] reply = s.reader().readLine();
 * }</pre>
 *
 * @param reader the reading end
 * @param writer the writing end
 */
public record StreamPair(StreamReader reader, StreamWriter writer) {
}
