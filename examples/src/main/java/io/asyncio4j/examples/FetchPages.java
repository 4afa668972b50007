package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.TaskGroup;
import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSession;
import io.asyncio4j.http.server.AppRunner;
import io.asyncio4j.http.server.Application;
import io.asyncio4j.http.server.Response;

import java.util.ArrayList;
import java.util.List;

/**
 * aiohttp's client example, the one asyncio users meet first: fetch several pages concurrently
 * with one {@code ClientSession} and a {@code TaskGroup}. Given URLs as arguments it fetches those;
 * without arguments it starts a small local server whose pages each take 0.3 s to answer, so the
 * total time shows the pages were fetched at once.
 */
public final class FetchPages {
    static String fetch(ClientSession session, String url) throws Exception {
        try (ClientResponse r = session.get(url)) {
            String body = r.text();
            return url.replaceAll("http://127\\.0\\.0\\.1:\\d+", "") + " -> " + r.status() + ", " + body.length() + " chars";
        }
    }

    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> {
            AppRunner server = null;
            List<String> urls = new ArrayList<>(List.of(args));
            if (urls.isEmpty()) {
                Application app = new Application();
                app.router().get("/page/{n}", r -> {
                    Asyncio.sleep(0.3); // a slow page
                    return Response.text("page " + r.matchInfo("n") + " ".repeat(100));
                });
                server = new AppRunner(app, new io.asyncio4j.http.server.HttpServerConfig().accessLogFormat(null));
                server.setup();
                server.start("127.0.0.1", 0);
                for (int i = 1; i <= 5; i++) {
                    urls.add("http://127.0.0.1:" + server.port() + "/page/" + i);
                }
            }
            long start = System.nanoTime();
            try (ClientSession session = new ClientSession()) {
                List<Task<String>> tasks = new ArrayList<>();
                TaskGroup.run(tg -> {
                    for (String url : urls) {
                        tasks.add(tg.createTask(() -> fetch(session, url)));
                    }
                });
                for (Task<String> t : tasks) {
                    System.out.println(t.result());
                }
            }
            double took = (System.nanoTime() - start) / 1e9;
            System.out.println(urls.size() + " pages fetched concurrently" + (server != null && took < 1.2 ? " in under 1.2 s (each takes 0.3 s)" : String.format(" in %.2f s", took)));
            if (server != null) {
                server.cleanup();
            }
        });
    }
}
