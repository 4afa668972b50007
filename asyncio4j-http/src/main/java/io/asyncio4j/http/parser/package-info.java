/**
 * The incremental HTTP/1.1 parser ({@link io.asyncio4j.http.parser.HttpParser}) and serializers
 * ({@link io.asyncio4j.http.parser.HttpHeadEncoder}, {@link io.asyncio4j.http.parser.ChunkedEncoder})
 * shared by the client and the server. I/O-free: a Protocol feeds them on the loop thread.
 */
package io.asyncio4j.http.parser;
