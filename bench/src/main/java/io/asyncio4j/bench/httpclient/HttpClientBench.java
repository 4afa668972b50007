package io.asyncio4j.bench.httpclient;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.http.client.ClientSession;
import io.asyncio4j.http.client.TCPConnector;

import java.util.ArrayList;
import java.util.List;

/**
 * Client requests/s: {@code concurrency} tasks each doing GET + read of the whole body in a loop on
 * one {@link ClientSession} (keep-alive, pool limit = concurrency), on one event loop. The Python twin
 * is {@code bench/scripts/httpclient_aiohttp.py}; {@code bench/scripts/httpclient-bench.sh} runs both
 * against the same server.
 *
 * <pre>
 * java --add-opens java.base/java.lang=ALL-UNNAMED -cp 'bench/target/asyncio4j-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*' \
 *     io.asyncio4j.bench.httpclient.HttpClientBench http://127.0.0.1:8080/ 50 10
 * </pre>
 */
public final class HttpClientBench {
    private HttpClientBench() {}

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "http://127.0.0.1:8080/";
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        double warmup = args.length > 3 ? Double.parseDouble(args[3]) : 3;
        Asyncio.run(() -> {
            try (ClientSession s = new ClientSession(new ClientSession.Options()
                    .connector(new TCPConnector().limit(concurrency)))) {
                run(s, url, concurrency, warmup);
                long cpu0 = cpuNanos();
                long t0 = System.nanoTime();
                long n = run(s, url, concurrency, seconds);
                double el = (System.nanoTime() - t0) / 1e9;
                double cpuUs = (cpuNanos() - cpu0) / 1e3 / n;
                System.out.printf("asyncio4j ClientSession: concurrency=%d requests=%d time=%.2fs rps=%.0f client_cpu_us_per_req=%.1f%n",
                        concurrency, n, el, n / el, cpuUs);
            }
            return null;
        });
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long run(ClientSession s, String url, int concurrency, double seconds) throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Future<Long>> tasks = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            tasks.add(Asyncio.createTask(() -> {
                long n = 0;
                while (System.nanoTime() < deadline) {
                    var r = s.get(url);
                    r.read();
                    if (r.status() != 200) throw new IllegalStateException("status " + r.status());
                    n++;
                }
                return n;
            }));
        }
        long total = 0;
        for (long x : Asyncio.gather(tasks).await()) total += x;
        return total;
    }
}
