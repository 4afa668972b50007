"""A small HTTP proxy for the client tests: CONNECT tunnels and absolute-form forwarding.

Every host name is mapped to 127.0.0.1, so a request to http://origin.test:PORT/ only works
through the proxy. Forwarded absolute-form requests get "X-Proxied: absolute"; tunnels are
counted and reported by GET http://proxy.stats/ (absolute-form).
"""
import asyncio
import sys
from urllib.parse import urlsplit

stats = {"connect": 0, "absolute": 0}


async def pipe(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except Exception:
        pass
    finally:
        try:
            writer.close()
        except Exception:
            pass


async def read_head(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    return lines[0], [l for l in lines[1:] if l]


async def handle(reader, writer):
    try:
        while True:
            try:
                start, headers = await read_head(reader)
            except (asyncio.IncompleteReadError, ConnectionError):
                return
            method, target, version = start.split(" ")
            if method == "CONNECT":
                host, port = target.rsplit(":", 1)
                stats["connect"] += 1
                r2, w2 = await asyncio.open_connection("127.0.0.1", int(port))
                writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
                await writer.drain()
                await asyncio.gather(pipe(reader, w2), pipe(r2, writer))
                return
            u = urlsplit(target)
            if u.hostname == "proxy.stats":
                body = ("%d %d" % (stats["connect"], stats["absolute"])).encode()
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
                await writer.drain()
                continue
            stats["absolute"] += 1
            length = 0
            out = []
            for h in headers:
                name, value = h.split(":", 1)
                if name.lower() in ("proxy-authorization", "connection", "proxy-connection"):
                    if name.lower() == "proxy-authorization":
                        out.append("X-Proxy-Auth-Seen: " + value.strip())
                    continue
                if name.lower() == "content-length":
                    length = int(value)
                out.append(h)
            out.append("X-Proxied: absolute")
            out.append("Connection: close")
            path = u.path or "/"
            if u.query:
                path += "?" + u.query
            body = await reader.readexactly(length) if length else b""
            r2, w2 = await asyncio.open_connection("127.0.0.1", u.port or 80)
            w2.write(("%s %s HTTP/1.1\r\n" % (method, path) + "\r\n".join(out) + "\r\n\r\n").encode("latin-1") + body)
            await w2.drain()
            resp = await r2.read()
            w2.close()
            # the origin closes after one response; strip its framing-independent Connection handling
            writer.write(resp)
            await writer.drain()
            writer.close()
            return
    except Exception as e:
        print("proxy error", repr(e), file=sys.stderr, flush=True)
        writer.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    print("PORT %d" % server.sockets[0].getsockname()[1], flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)


asyncio.run(main())
