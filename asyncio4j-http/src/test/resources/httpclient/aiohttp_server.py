"""Test peer for the asyncio4j HTTP client: a real aiohttp.web server on 127.0.0.1, port 0.

Prints "PORT <n>" once listening; exits when stdin closes (the test JVM went away).
"""
import asyncio
import base64
import gzip
import hashlib
import json
import sys
import zlib

from aiohttp import web

state = {"active": 0, "max": 0}


def peer_port(request):
    return request.transport.get_extra_info("peername")[1]


async def hello(request):
    return web.Response(text="hello")


async def conn(request):
    return web.json_response({"port": peer_port(request)})


async def echo(request):
    body = await request.read()
    return web.json_response({
        "method": request.method,
        "path": request.path,
        "query": [[k, v] for k, v in request.query.items()],
        "raw_query": request.query_string,
        "headers": {k: v for k, v in request.headers.items()},
        "cookies": dict(request.cookies),
        "body": body.decode("latin-1"),
        "chunked": request.headers.get("Transfer-Encoding", "") == "chunked",
        "port": peer_port(request),
    })


async def chunked(request):
    n = int(request.query.get("n", "5"))
    size = int(request.query.get("size", "10"))
    resp = web.StreamResponse()
    resp.content_type = "text/plain"
    resp.enable_chunked_encoding()
    await resp.prepare(request)
    for i in range(n):
        await resp.write((str(i % 10) * (size - 1) + "\n").encode())
    await resp.write_eof()
    return resp


async def big(request):
    size = int(request.query.get("size", "1000000"))
    data = bytes((i * 7) & 0xFF for i in range(size))
    return web.Response(body=data, headers={"X-Sha256": hashlib.sha256(data).hexdigest()})


def payload(n=2000):
    return ("".join("line %d of a compressible body\n" % i for i in range(n))).encode()


async def gzipped(request):
    data = payload()
    return web.Response(body=gzip.compress(data), headers={
        "Content-Encoding": "gzip", "Content-Type": "text/plain; charset=utf-8",
        "X-Sha256": hashlib.sha256(data).hexdigest()})


async def gzipped_chunked(request):
    data = payload()
    comp = gzip.compress(data)
    resp = web.StreamResponse(headers={"Content-Encoding": "gzip", "X-Sha256": hashlib.sha256(data).hexdigest()})
    resp.enable_chunked_encoding()
    await resp.prepare(request)
    for i in range(0, len(comp), 333):
        await resp.write(comp[i:i + 333])
    await resp.write_eof()
    return resp


async def deflated(request):
    data = payload()
    raw = request.query.get("raw") == "1"
    if raw:
        c = zlib.compressobj(wbits=-15)
        comp = c.compress(data) + c.flush()
    else:
        comp = zlib.compress(data)
    return web.Response(body=comp, headers={"Content-Encoding": "deflate",
                                            "X-Sha256": hashlib.sha256(data).hexdigest()})


async def redirect(request):
    code = int(request.match_info["code"])
    to = request.query.get("to", "/echo")
    return web.Response(status=code, headers={"Location": to})


async def chain(request):
    n = int(request.match_info["n"])
    if n <= 0:
        return web.Response(text="done")
    return web.Response(status=302, headers={"Location": "/chain/%d" % (n - 1)})


async def setcookie(request):
    resp = web.Response(text="ok")
    for k, v in request.query.items():
        resp.set_cookie(k, v, path="/")
    return resp


async def delcookie(request):
    resp = web.Response(text="ok")
    resp.del_cookie(request.query["name"], path="/")
    return resp


async def multipart(request):
    reader = await request.multipart()
    parts = []
    while True:
        part = await reader.next()
        if part is None:
            break
        h = hashlib.sha256()
        size = 0
        while True:
            chunk = await part.read_chunk(65536)
            if not chunk:
                break
            h.update(chunk)
            size += len(chunk)
        parts.append({"name": part.name, "filename": part.filename,
                      "content_type": part.headers.get("Content-Type"), "size": size, "sha256": h.hexdigest()})
    return web.json_response({"parts": parts, "content_length": request.content_length})


async def form(request):
    data = await request.post()
    return web.json_response({k: v for k, v in data.items()})


async def upload(request):
    h = hashlib.sha256()
    size = 0
    chunks = 0
    async for chunk in request.content.iter_any():
        h.update(chunk)
        size += len(chunk)
        chunks += 1
    return web.json_response({"size": size, "sha256": h.hexdigest(),
                              "chunked": request.headers.get("Transfer-Encoding", "") == "chunked"})


async def reject(request):
    return web.Response(status=413, text="too large")  # answers without reading the body


async def reject_expect(request):
    # answers Expect: 100-continue with a final 413 instead of 100 Continue
    return web.Response(status=413, text="too large")


async def status(request):
    code = int(request.match_info["code"])
    if code in (204, 304):
        return web.Response(status=code, headers={"X-Peer-Port": str(peer_port(request))})
    return web.Response(status=code, text="status %d" % code)


async def head_or_get(request):
    return web.Response(text="x" * 100, headers={"X-Peer-Port": str(peer_port(request))})


async def slow(request):
    await asyncio.sleep(float(request.query.get("delay", "1")))
    return web.Response(text="slow")


async def slow_body(request):
    resp = web.StreamResponse()
    resp.content_length = 10
    await resp.prepare(request)
    await resp.write(b"12345")
    await asyncio.sleep(float(request.query.get("delay", "1")))
    try:
        await resp.write(b"67890")
    except ConnectionResetError:
        pass  # the client gave up (timeout and cancellation tests)
    return resp


async def concurrency(request):
    state["active"] += 1
    state["max"] = max(state["max"], state["active"])
    try:
        await asyncio.sleep(float(request.query.get("delay", "0.2")))
    finally:
        state["active"] -= 1
    return web.json_response({"port": peer_port(request)})


async def concurrency_reset(request):
    m = state["max"]
    state["max"] = 0
    return web.json_response({"max": m})


async def close_mid_body(request):
    resp = web.StreamResponse()
    resp.content_length = 1000
    await resp.prepare(request)
    await resp.write(b"a" * 100)
    await asyncio.sleep(0.05)
    request.transport.close()
    return resp


async def json_handler(request):
    return web.json_response({"name": "asyncio4j", "list": [1, 2, 3], "nested": {"ok": True}, "text": "h\u00e9llo"})


async def latin1(request):
    return web.Response(body="caf\u00e9".encode("latin-1"), headers={"Content-Type": "text/plain; charset=iso-8859-1"})


async def close_after(request):
    resp = web.Response(text="bye", headers={"Connection": "close"})
    resp.force_close()
    return resp


async def main():
    app = web.Application(client_max_size=64 * 1024 * 1024)
    r = app.router
    r.add_get("/hello", hello)
    r.add_get("/conn", conn)
    r.add_route("*", "/echo", echo)
    r.add_get("/chunked", chunked)
    r.add_get("/big", big)
    r.add_get("/gzip", gzipped)
    r.add_get("/gzip-chunked", gzipped_chunked)
    r.add_get("/deflate", deflated)
    r.add_route("*", "/redirect/{code}", redirect)
    r.add_get("/chain/{n}", chain)
    r.add_get("/setcookie", setcookie)
    r.add_get("/delcookie", delcookie)
    r.add_post("/multipart", multipart)
    r.add_post("/form", form)
    r.add_route("*", "/upload", upload)
    r.add_route("*", "/status/{code}", status)
    r.add_post("/reject", reject, expect_handler=reject_expect)
    r.add_route("*", "/page", head_or_get)
    r.add_get("/slow", slow)
    r.add_get("/slow-body", slow_body)
    r.add_get("/concurrency", concurrency)
    r.add_get("/concurrency/reset", concurrency_reset)
    r.add_get("/close-mid-body", close_mid_body)
    r.add_get("/json", json_handler)
    r.add_get("/latin1", latin1)
    r.add_get("/close-after", close_after)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    print("PORT %d" % port, flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)
    await runner.cleanup()


if __name__ == "__main__":
    asyncio.run(main())
