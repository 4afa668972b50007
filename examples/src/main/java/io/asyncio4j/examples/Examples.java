package io.asyncio4j.examples;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs an example by name: {@code ./aio example NAME} or this class's main. {@code --list}
 * prints the names.
 */
public final class Examples {
    /** Every example, by name, in the order of asyncio's documentation. */
    public static final Map<String, Main> ALL = new LinkedHashMap<>();

    /** An example's main method. */
    @FunctionalInterface
    public interface Main {
        void run(String[] args) throws Exception;
    }

    static {
        ALL.put("hello-world", HelloWorld::main);
        ALL.put("concurrent-tasks", ConcurrentTasks::main);
        ALL.put("cancel-task", CancelTask::main);
        ALL.put("gather-exceptions", GatherExceptions::main);
        ALL.put("future-callbacks", FutureCallbacks::main);
        ALL.put("blocking-code", BlockingCode::main);
        ALL.put("producer-consumer", ProducerConsumer::main);
        ALL.put("generator-pipeline", GeneratorPipeline::main);
        ALL.put("tcp-echo-streams", TcpEchoStreams::main);
        ALL.put("tcp-echo-protocol", TcpEchoProtocol::main);
        ALL.put("fetch-pages", FetchPages::main);
        ALL.put("websocket-chat", WebSocketChat::main);
        ALL.put("download-files", DownloadFiles::main);
        ALL.put("async-files", AsyncFileIo::main);
        ALL.put("subprocesses", Subprocesses::main);
        ALL.put("postgres", PostgresExample::main);
        ALL.put("mongo", MongoExample::main);
    }

    private Examples() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--list")) {
            ALL.keySet().forEach(System.out::println);
            return;
        }
        Main m = ALL.get(args[0]);
        if (m == null) {
            System.err.println("no example named '" + args[0] + "'; --list shows them");
            System.exit(2);
        }
        String[] rest = new String[args.length - 1];
        System.arraycopy(args, 1, rest, 0, rest.length);
        m.run(rest);
    }
}
