"""A keep-alive server that answers only the first request of each connection and then closes the
connection when the next request arrives, without a response: what a client sees when a server drops
an idle keep-alive connection just as the client reuses it. GET /n answers the connection count."""
import asyncio
import sys

count = {"conns": 0}


async def handle(reader, writer):
    count["conns"] += 1
    try:
        await reader.readuntil(b"\r\n\r\n")
        body = str(count["conns"]).encode()
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
        await writer.drain()
        await reader.readuntil(b"\r\n\r\n")
    except Exception:
        pass
    writer.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    print("PORT %d" % server.sockets[0].getsockname()[1], flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


asyncio.run(main())
