/**
 * asyncio4j-postgres: an asyncpg-class PostgreSQL client on the asyncio4j event loop, speaking
 * protocol v3 in binary format, with pipelining.
 */
module io.asyncio4j.postgres {
    requires io.asyncio4j.core;
    requires com.fasterxml.jackson.databind;
    exports io.asyncio4j.postgres;
}
