/** The {@code aio} command. */
module io.asyncio4j.cli {
    requires io.asyncio4j.core;
    requires info.picocli;
    requires io.asyncio4j.examples;
    requires io.asyncio4j.http;
    requires java.logging;
    opens io.asyncio4j.cli to info.picocli;
}
