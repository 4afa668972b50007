package io.asyncio4j.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs every example and checks what it prints. */
@Timeout(30)
class ExamplesTest {

    static String run(String name, String... args) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            Examples.ALL.get(name).run(args);
        } finally {
            System.setOut(saved);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        saved.print(out);
        return out;
    }

    @Test
    void helloWorld() throws Exception {
        assertThat(run("hello-world")).isEqualTo("hello\nworld\n");
    }

    @Test
    void concurrentTasks() throws Exception {
        long start = System.nanoTime();
        String out = run("concurrent-tasks");
        double took = (System.nanoTime() - start) / 1e9;
        assertThat(out.lines().filter(l -> l.equals("hello") || l.equals("world")))
                .containsExactly("hello", "world", "hello", "world", "hello", "world");
        assertThat(out).contains("gather -> [hello, world]");
        assertThat(took).isBetween(7.0, 9.0); // 3 s sequential + 2 s tasks + 2 s gather
    }

    @Test
    void cancelTask() throws Exception {
        assertThat(run("cancel-task")).isEqualTo("""
                cancel_me(): before sleep
                cancel_me(): cancel sleep
                cancel_me(): after sleep
                main(): cancel_me is cancelled now
                """);
    }

    @Test
    void gatherExceptions() throws Exception {
        String out = run("gather-exceptions");
        assertThat(out).contains("Task C: factorial(4) = 24", "[2, 6, 24]",
                "gather raised: division by zero; the other task still runs: true", "and finishes: 6",
                "return_exceptions: [1, java.lang.ArithmeticException: division by zero]",
                "a cancelled child makes gather raise CancelledError");
        assertThat(out).doesNotContain("factorial(10) =");
    }

    @Test
    void futureCallbacks() throws Exception {
        assertThat(run("future-callbacks")).isEqualTo("""
                hello ...
                done-callback sees: ... world
                ... world
                computed on a platform thread
                """);
    }

    @Test
    void blockingCode() throws Exception {
        String out = run("blocking-code");
        assertThat(out).contains("start blocking_io at", "blocking_io complete at", "(1 s, not 2 s)", "custom executor: ");
    }

    @Test
    void producerConsumer() throws Exception {
        String out = run("producer-consumer");
        assertThat(out.lines().filter(l -> l.contains("has slept for"))).hasSize(12);
        double parallel = Double.parseDouble(out.replaceAll("(?s).*in parallel for ([0-9.]+) seconds.*", "$1"));
        double total = Double.parseDouble(out.replaceAll("(?s).*total expected sleep time: ([0-9.]+) seconds.*", "$1"));
        assertThat(parallel).isLessThan(total / 2);
    }

    @Test
    void generatorPipeline() throws Exception {
        String out = run("generator-pipeline");
        assertThat(out.lines().filter(l -> l.startsWith("got "))).hasSize(10);
        assertThat(out).endsWith("sum 45\n");
    }

    @Test
    void tcpEchoStreams() throws Exception {
        assertThat(run("tcp-echo-streams")).isEqualTo("""
                Send: Hello World!
                Received Hello World! from a client
                Send: Hello World!
                Close the connection
                Received: Hello World!
                Close the connection
                """);
    }

    @Test
    void tcpEchoProtocol() throws Exception {
        // the same order as CPython's asyncio prints for this program (server and client in one loop)
        assertThat(run("tcp-echo-protocol")).isEqualTo("""
                Connection from a client
                Data sent: Hello World!
                Data received: Hello World!
                Send: Hello World!
                Close the client socket
                Data received: Hello World!
                The server closed the connection
                """);
    }

    @Test
    void fetchPages() throws Exception {
        assertThat(run("fetch-pages")).isEqualTo("""
                /page/1 -> 200, 106 chars
                /page/2 -> 200, 106 chars
                /page/3 -> 200, 106 chars
                /page/4 -> 200, 106 chars
                /page/5 -> 200, 106 chars
                5 pages fetched concurrently in under 1.2 s (each takes 0.3 s)
                """);
    }

    @Test
    void websocketChat() throws Exception {
        String out = run("websocket-chat");
        assertThat(out).startsWith("""
                client got: HELLO/answer
                client got: WEBSOCKET/answer
                """);
        assertThat(out).contains("client: CLOSE 1000", "server: websocket connection closed");
    }

    @Test
    void downloadFiles() throws Exception {
        String out = run("download-files");
        assertThat(out).startsWith("""
                sequential: 5 files, 1310720 bytes
                concurrent: 5 files, 1310720 bytes
                concurrent is faster: true
                """);
    }

    @Test
    void asyncFiles() throws Exception {
        assertThat(run("async-files")).isEqualTo("""
                read: line 1
                read: line 2
                read: line 3
                size: 21 bytes
                listing: [filename.txt]
                """);
    }

    @Test
    void subprocesses() throws Exception {
        String out = run("subprocesses");
        assertThat(out).startsWith("""
                ['echo hello from a child process' exited with 0]
                [stdout]
                hello from a child process
                ['ls /zzz-does-not-exist' exited with 2]
                [stderr]
                ls: cannot access '/zzz-does-not-exist': No such file or directory
                """);
        assertThat(out).endsWith("""
                ['sleep 0.2; echo one' exited with 0]
                [stdout]
                one
                ['sleep 0.2; echo two' exited with 0]
                [stdout]
                two
                """);
    }

    @Test
    void everyExampleIsTested() {
        assertThat(Examples.ALL.keySet()).containsExactly("hello-world", "concurrent-tasks", "cancel-task",
                "gather-exceptions", "future-callbacks", "blocking-code", "producer-consumer", "generator-pipeline",
                "tcp-echo-streams", "tcp-echo-protocol", "fetch-pages", "websocket-chat", "download-files", "async-files",
                "subprocesses", "postgres", "mongo");
    }

    @Test
    void postgres() throws Exception {
        // asyncio4j-postgres's test harness (its test-jar): a throwaway cluster, or ASYNCIO4J_PG_DSN. Reached by
        // reflection because the tests compile inside this module, which cannot read the test-jar.
        Class<?> harness = Class.forName("io.asyncio4j.postgres.PgTestServer");
        Object server = harness.getMethod("get").invoke(null);
        String dsn = (String) harness.getMethod("dsn").invoke(server);
        String out = run("postgres", dsn);
        assertThat(out).contains("inserted 20 rows concurrently", "1 user-1 joined 2024-01-02",
                "renamed in a transaction: [USER-5, USER-10, USER-15, USER-20]", "20 rows, 4 renamed");
    }

    @Test
    void mongo() throws Exception {
        de.bwaldvogel.mongo.MongoServer server = new de.bwaldvogel.mongo.MongoServer(
                new de.bwaldvogel.mongo.backend.memory.MemoryBackend());
        try {
            server.bind("127.0.0.1", 0);
            String uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
            String out = run("mongo", uri);
            assertThat(out).containsPattern("(?m)^result [0-9a-f]{24}$");
            assertThat(out).contains("inserted 2000\ni = 0\ni = 1\ni = 2\ni = 3\ni = 4\ncount 1000\n");
        } finally {
            server.shutdownNow();
        }
    }
}
