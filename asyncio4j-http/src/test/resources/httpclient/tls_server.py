"""TLS test peer for the asyncio4j HTTP client: aiohttp.web over ssl on 127.0.0.1, port 0.

Usage: tls_server.py CERTFILE KEYFILE. Prints "PORT <n>"; exits when stdin closes.
GET /info answers JSON with the SNI name the client sent and the ALPN protocol chosen.
"""
import asyncio
import ssl
import sys

from aiohttp import web

seen = {"sni": None}


def sni_callback(sslobj, name, ctx):
    seen["sni"] = name


async def info(request):
    sslobj = request.transport.get_extra_info("ssl_object")
    return web.json_response({"sni": seen["sni"], "alpn": sslobj.selected_alpn_protocol(),
                              "version": sslobj.version(), "path": request.path})


async def main():
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(sys.argv[1], sys.argv[2])
    ctx.set_alpn_protocols(["h2", "http/1.1"])
    ctx.sni_callback = sni_callback
    app = web.Application()
    app.router.add_get("/info", info)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=ctx)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    print("PORT %d" % port, flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)
    await runner.cleanup()


if __name__ == "__main__":
    asyncio.run(main())
