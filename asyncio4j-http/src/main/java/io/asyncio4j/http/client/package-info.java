/**
 * The HTTP/1.1 client: aiohttp's {@code ClientSession} and friends. A {@link io.asyncio4j.http.client.ClientSession}
 * sends requests from tasks over a pooled {@link io.asyncio4j.http.client.TCPConnector}; responses are parsed on
 * the loop thread by the shared {@link io.asyncio4j.http.parser.HttpParser} and read by the task as a whole
 * ({@link io.asyncio4j.http.client.ClientResponse#read()}, {@code text()}, {@code json()}) or streamed
 * ({@link io.asyncio4j.http.client.ResponseContent}). See {@code docs/http-client.md}.
 *
 * <pre>{@code
 * Asyncio.run(() -> {
 *     try (ClientSession s = new ClientSession();
 *          ClientResponse r = s.get("http://127.0.0.1:8080/", new RequestOptions().param("q", "java"))) {
 *         System.out.println(r.status() + ": " + r.text());
 *     }
 * });
 * }</pre>
 */
package io.asyncio4j.http.client;
