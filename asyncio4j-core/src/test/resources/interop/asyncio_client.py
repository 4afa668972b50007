"""asyncio client for the interop tests: talks to an echo server on 127.0.0.1:PORT.

    asyncio_client.py PORT

Checks a line round trip, then 1 MiB sent with write_eof (half-close) and read back to EOF.
Prints 'OK <bytes>' and exits 0, or fails with a traceback.
"""
import asyncio
import os
import sys


async def main(port):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"hello from python\n")
    await writer.drain()
    line = await reader.readline()
    assert line == b"hello from python\n", line
    data = os.urandom(1 << 20)

    async def send():
        writer.write(data)
        await writer.drain()
        writer.write_eof()

    sender = asyncio.create_task(send())
    got = await reader.read()
    await sender
    assert got == data, (len(got), len(data))
    writer.close()
    await writer.wait_closed()
    print("OK", len(got), flush=True)


asyncio.run(main(int(sys.argv[1])))
