package io.asyncio4j.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * JSON text exactly as aiohttp writes it, with Python's {@code json.dumps} defaults: {@code ", "}
 * and {@code ": "} between items, non-ASCII characters escaped ({@code "h\u00e9"}, lower-case hex,
 * surrogate pairs for the rest), nothing else added. Used by {@code Response.json}, the client's
 * JSON request bodies and WebSocket {@code sendJson}, so their bytes (and lengths) match aiohttp's.
 */
public final class JsonDumps {
    private static final ObjectWriter WRITER = writer();

    private JsonDumps() {}

    private static ObjectWriter writer() {
        Separators python = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEntrySpacing(Separators.Spacing.AFTER)
                .withArrayValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter oneLine = new DefaultPrettyPrinter(python);
        oneLine.indentArraysWith(DefaultPrettyPrinter.NopIndenter.instance);
        oneLine.indentObjectsWith(DefaultPrettyPrinter.NopIndenter.instance);
        return new ObjectMapper().writer(oneLine)
                .with(JsonWriteFeature.ESCAPE_NON_ASCII)
                .without(JsonWriteFeature.WRITE_HEX_UPPER_CASE);
    }

    /** {@code json.dumps(value)} as UTF-8 bytes (all ASCII). */
    public static byte[] bytes(Object value) throws JsonProcessingException {
        return WRITER.writeValueAsBytes(value);
    }

    /** {@code json.dumps(value)}. */
    public static String string(Object value) throws JsonProcessingException {
        return WRITER.writeValueAsString(value);
    }
}
