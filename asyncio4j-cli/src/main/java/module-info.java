/** The {@code aio} command. */
module io.asyncio4j.cli {
    requires io.asyncio4j.core;
    requires info.picocli;
    requires io.asyncio4j.examples;
    opens io.asyncio4j.cli to info.picocli;
}
