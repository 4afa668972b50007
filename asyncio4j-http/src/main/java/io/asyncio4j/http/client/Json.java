package io.asyncio4j.http.client;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The shared Jackson mapper, created on first use (so plain-bytes clients never load Jackson). */
final class Json {
    private Json() {}

    static final ObjectMapper MAPPER = new ObjectMapper();
}
