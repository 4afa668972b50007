package io.asyncio4j.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.http.websocket.WebSocketClient;
import io.asyncio4j.http.websocket.WebSocketConnection;
import io.asyncio4j.http.websocket.WebSocketMessage;
import io.asyncio4j.http.websocket.WebSocketSettings;
import io.asyncio4j.loop.EventLoop;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real peers: curl, Python aiohttp (client), Python websockets (client and server), headless
 * Chromium. Needs the Debian packages curl, python3-aiohttp, python3-websockets, chromium; a test
 * is skipped only if its program is missing.
 */
class InteropTest {
    private static final String PY = "/usr/bin/python3";

    @TempDir
    Path tmp;

    record Out(int code, String stdout) {}

    static boolean has(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** Runs a program off the loop (in a platform thread) and returns its exit code and output. */
    static Out run(List<String> cmd) throws Exception {
        return Asyncio.toThread(() -> {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
            return new Out(p.exitValue(), out);
        }).await();
    }

    static Application app(Path dir) throws Exception {
        Application app = WebSocketServerTest.echoApp(WebSocketSettings.DEFAULTS);
        app.router().post("/json", r -> Response.json(java.util.Map.of("got", r.json())));
        app.router().post("/upload", r -> {
            MultipartReader mr = r.multipart();
            StringBuilder sb = new StringBuilder();
            for (MultipartReader.Part p; (p = mr.next()) != null; ) {
                sb.append(p.name()).append('=').append(p.filename() != null ? p.filename() + ":" + p.read().length : p.text()).append(';');
            }
            return Response.text(sb.toString());
        });
        app.router().post("/len", r -> {
            long n = 0;
            for (byte[] b; (b = r.content().readChunk()) != null; ) n += b.length;
            return Response.text("len=" + n + " chunked=" + (r.contentLength() < 0));
        });
        app.router().get("/setcookie", r -> Response.text("set").setCookie(Cookie.of("sid", "abc123")));
        app.router().get("/getcookie", r -> Response.text("sid=" + r.cookie("sid")));
        app.router().get("/stream", r -> {
            StreamResponse s = new StreamResponse().contentType("text/plain");
            s.prepare(r);
            for (int i = 0; i < 3; i++) s.write("chunk" + i + " ");
            return s;
        });
        app.router().get("/big", r -> Response.text("z".repeat(20000)).enableCompression());
        Files.writeString(dir.resolve("file.txt"), "0123456789".repeat(100));
        app.router().addStatic("/static", dir);
        return app;
    }

    @Test
    @Timeout(60)
    void curlAgainstOurServer() throws Exception {
        assumeTrue(has("curl", "--version"), "curl is not installed (apt-get install curl)");
        TestServer.run(app(tmp), (runner, port) -> {
            String base = "http://127.0.0.1:" + port;
            Out o = run(List.of("curl", "-sS", "--http1.1", "-H", "Content-Type: application/json", "-d", "{\"a\":1}", base + "/json"));
            assertThat(o.stdout()).isEqualTo("{\"got\": {\"a\": 1}}");
            Path up = tmp.resolve("up.bin");
            Files.write(up, new byte[300_000]);
            o = run(List.of("curl", "-sS", "-H", "Transfer-Encoding: chunked", "--data-binary", "@" + up, base + "/len"));
            assertThat(o.stdout()).isEqualTo("len=300000 chunked=true");
            o = run(List.of("curl", "-sS", "--compressed", "-D", "-", base + "/big"));
            assertThat(o.stdout()).containsIgnoringCase("content-encoding: deflate").endsWith("z".repeat(20000));
            o = run(List.of("curl", "-sS", "--compressed", "-H", "Accept-Encoding: gzip", "-D", "-", base + "/big"));
            assertThat(o.stdout()).containsIgnoringCase("content-encoding: gzip").endsWith("z".repeat(20000));
            o = run(List.of("curl", "-sS", "-r", "10-14", "-w", " %{http_code}", base + "/static/file.txt"));
            assertThat(o.stdout()).isEqualTo("01234 206");
            o = run(List.of("curl", "-sS", "--path-as-is", "-w", "%{http_code}", "-o", "/dev/null", base + "/static/../InteropTest.java"));
            assertThat(o.stdout()).isIn("403", "404");
            o = run(List.of("curl", "-sS", "-F", "title=hi", "-F", "file=@" + up, base + "/upload"));
            assertThat(o.stdout()).isEqualTo("title=hi;file=up.bin:300000;");
            o = run(List.of("curl", "-sS", base + "/stream", base + "/stream"));
            assertThat(o.stdout()).isEqualTo("chunk0 chunk1 chunk2 chunk0 chunk1 chunk2 ");
        });
    }

    @Test
    @Timeout(60)
    void pythonAiohttpClient() throws Exception {
        assumeTrue(has(PY, "-c", "import aiohttp"), "python3-aiohttp is not installed (apt-get install python3-aiohttp)");
        String script = """
                import asyncio, aiohttp, sys, json
                async def main(port):
                    base = f'http://127.0.0.1:{port}'
                    out = {}
                    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as s:
                        async with s.post(base + '/json', json={'a': [1, 2]}) as r:
                            out['json'] = await r.json()
                        form = aiohttp.FormData()
                        form.add_field('title', 'T')
                        form.add_field('file', b'x' * 100000, filename='f.bin', content_type='application/octet-stream')
                        async with s.post(base + '/upload', data=form) as r:
                            out['upload'] = await r.text()
                        async with s.get(base + '/setcookie') as r:
                            await r.read()
                        async with s.get(base + '/getcookie') as r:
                            out['cookie'] = await r.text()
                        async def gen():
                            yield b'abc'
                            yield b'defg'
                        async with s.post(base + '/len', data=gen()) as r:
                            out['chunked_upload'] = await r.text()
                        async with s.get(base + '/stream') as r:
                            out['stream'] = await r.text()
                            out['te'] = r.headers.get('Transfer-Encoding')
                        async with s.get(base + '/big') as r:
                            out['big'] = len(await r.text())
                            out['ce'] = r.headers.get('Content-Encoding')
                    print(json.dumps(out))
                asyncio.run(main(int(sys.argv[1])))
                """;
        TestServer.run(app(tmp), (runner, port) -> {
            Out o = run(List.of(PY, "-c", script, String.valueOf(port)));
            assertThat(o.code()).as(o.stdout()).isZero();
            var j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(o.stdout());
            assertThat(j.get("json").toString()).isEqualTo("{\"got\":{\"a\":[1,2]}}");
            assertThat(j.get("upload").asText()).isEqualTo("title=T;file=f.bin:100000;");
            assertThat(j.get("cookie").asText()).isEqualTo("sid=abc123");
            assertThat(j.get("chunked_upload").asText()).isEqualTo("len=7 chunked=true");
            assertThat(j.get("stream").asText()).isEqualTo("chunk0 chunk1 chunk2 ");
            assertThat(j.get("te").asText()).isEqualTo("chunked");
            assertThat(j.get("big").asInt()).isEqualTo(20000);
            assertThat(j.get("ce").asText()).isEqualTo("deflate"); // aiohttp's client offers gzip, deflate
        });
    }

    @Test
    @Timeout(60)
    void pythonWebsocketsClientAgainstOurServer() throws Exception {
        assumeTrue(has(PY, "-c", "import websockets"), "python3-websockets is not installed (apt-get install python3-websockets)");
        String script = """
                import asyncio, websockets, sys, json
                async def main(port, compression):
                    async with websockets.connect(f'ws://127.0.0.1:{port}/ws', subprotocols=['chat'],
                                                  compression=compression, max_size=None) as ws:
                        await ws.send('héllo')
                        t = await ws.recv()
                        await ws.send(bytes(range(256)) * 400)
                        b = await ws.recv()
                        await ws.send('json')
                        j = json.loads(await ws.recv())
                        await ws.close(code=1000, reason='bye')
                        print(json.dumps({'text': t, 'bin': len(b), 'proto': ws.subprotocol,
                                          'ext': ws.response_headers.get('Sec-WebSocket-Extensions'), 'server': j}))
                asyncio.run(main(int(sys.argv[1]), None if sys.argv[2] == 'none' else 'deflate'))
                """;
        TestServer.run(app(tmp), (runner, port) -> {
            for (String comp : new String[] {"deflate", "none"}) {
                Out o = run(List.of(PY, "-c", script, String.valueOf(port), comp));
                assertThat(o.code()).as(o.stdout()).isZero();
                var j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(o.stdout());
                assertThat(j.get("text").asText()).isEqualTo("héllo");
                assertThat(j.get("bin").asInt()).isEqualTo(256 * 400);
                assertThat(j.get("proto").asText()).isEqualTo("chat");
                assertThat(j.get("server").get("deflate").asBoolean()).isEqualTo(comp.equals("deflate"));
                if (comp.equals("deflate")) assertThat(j.get("ext").asText()).startsWith("permessage-deflate");
            }
        });
    }

    @Test
    @Timeout(60)
    void ourClientAgainstPythonWebsocketsServer() throws Exception {
        assumeTrue(has(PY, "-c", "import websockets"), "python3-websockets is not installed (apt-get install python3-websockets)");
        String script = """
                import asyncio, websockets, sys
                async def echo(ws, *args):
                    async for m in ws:
                        await ws.send(m)
                async def main(compression):
                    async with websockets.serve(echo, '127.0.0.1', 0, compression=compression, max_size=None) as server:
                        print(server.sockets[0].getsockname()[1], flush=True)
                        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
                asyncio.run(main(None if sys.argv[1] == 'none' else 'deflate'))
                """;
        Asyncio.run(() -> {
            for (String comp : new String[] {"deflate", "none"}) {
                Process p = new ProcessBuilder(PY, "-c", script, comp).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                try {
                    BufferedReader rd = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                    int port = Integer.parseInt(Asyncio.toThread(rd::readLine).await().strip());
                    WebSocketConnection ws = WebSocketClient.connect("ws://127.0.0.1:" + port + "/");
                    assertThat(ws.isCompressed()).isEqualTo(comp.equals("deflate"));
                    ws.sendStr("ça va");
                    assertThat(ws.receiveStr()).isEqualTo("ça va");
                    byte[] big = new byte[200_000];
                    for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 7);
                    ws.sendBytes(big);
                    assertThat(ws.receiveBytes()).isEqualTo(big);
                    ws.sendFragmented(false, new byte[] {1, 2, 3, 4, 5}, 2);
                    assertThat(ws.receiveBytes()).containsExactly(1, 2, 3, 4, 5);
                    assertThat(ws.close(1000, "done")).isTrue();
                    assertThat(ws.closeCode()).isEqualTo(1000);
                } finally {
                    p.getOutputStream().close();
                    p.destroy();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
            }
        });
    }

    @Test
    @Timeout(90)
    void headlessChromiumTalksWebSocketToOurServer() throws Exception {
        String chromium = Files.isExecutable(Path.of("/usr/bin/chromium")) ? "/usr/bin/chromium" : null;
        assumeTrue(chromium != null, "chromium is not installed (apt-get install chromium)");
        Application app = new Application();
        List<Future<String>> done = new ArrayList<>();
        app.onStartup(a -> done.add(EventLoop.current().createFuture()));
        app.router().get("/", r -> Response.html("""
                <html><body><div id="out">pending</div><img src="/wait">
                <script>
                const ws = new WebSocket('ws://' + location.host + '/ws', ['chat']);
                ws.onopen = () => ws.send('from-browser');
                ws.onmessage = (e) => {
                  document.getElementById('out').textContent = 'got:' + e.data + ':' + ws.protocol + ':' + ws.extensions;
                  ws.send('done');
                };
                ws.onerror = () => { document.getElementById('out').textContent = 'error'; };
                </script></body></html>"""));
        app.router().get("/wait", r -> {
            String s = done.getFirst().await();
            return Response.bytes(new byte[0], "image/gif").status(204).header("X-Got", s);
        });
        app.router().get("/ws", r -> {
            WebSocketResponse ws = new WebSocketResponse().protocols(List.of("chat"));
            ws.prepare(r);
            for (WebSocketMessage m : ws) {
                if (m.type() != WebSocketMessage.Type.TEXT) continue;
                if (m.text().equals("done")) {
                    done.getFirst().setResult("done");
                } else {
                    ws.sendStr("echo " + m.text());
                }
            }
            return ws;
        });
        TestServer.run(app, (runner, port) -> {
            Path profile = Files.createTempDirectory(tmp, "chromium");
            Out o = run(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--user-data-dir=" + profile, "--virtual-time-budget=10000", "--dump-dom", "http://127.0.0.1:" + port + "/"));
            assertThat(o.stdout()).contains("got:echo from-browser:chat:permessage-deflate");
        });
    }
}
