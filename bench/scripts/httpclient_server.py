"""A fast local HTTP server for the client benchmark: aiohttp.web on uvloop, GET / -> "Hello, World!".

usage: httpclient_server.py PORT   (prints "PORT n"; port 0 picks one)
"""
import asyncio
import sys

import uvloop
from aiohttp import web


async def hello(request):
    return web.Response(text="Hello, World!")


async def main():
    app = web.Application()
    app.router.add_get("/", hello)
    app.router.add_get("/plaintext", hello)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    await site.start()
    print("PORT %d" % site._server.sockets[0].getsockname()[1], flush=True)
    await asyncio.Event().wait()


uvloop.install()
asyncio.run(main())
