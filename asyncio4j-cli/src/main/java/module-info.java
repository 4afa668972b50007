/** The {@code aio} command. */
module io.asyncio4j.cli {
    requires io.asyncio4j.core;
    requires info.picocli;
    opens io.asyncio4j.cli to info.picocli;
}
