/**
 * HTTP types shared by the parser, the serializer, the client and the server: {@link
 * io.asyncio4j.http.HttpHeaders} and {@link io.asyncio4j.http.HttpVersion}.
 */
package io.asyncio4j.http;
