package io.asyncio4j.cli;

import io.asyncio4j.examples.Examples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code aio example NAME}: runs one of the examples from asyncio's documentation; without a name, lists them. */
@Command(name = "example", description = "Run an example from asyncio's documents by name (no name: list them).")
final class ExampleCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", description = "The example's name.")
    String name;

    @Parameters(index = "1..*", arity = "0..*", description = "Arguments for the example.")
    List<String> args = List.of();

    @Override
    public Integer call() throws Exception {
        if (name == null) {
            Examples.ALL.keySet().forEach(System.out::println);
            return 0;
        }
        Examples.Main main = Examples.ALL.get(name);
        if (main == null) {
            throw new IllegalArgumentException("no example named '" + name + "' (aio example lists them)");
        }
        main.run(args.toArray(String[]::new));
        return 0;
    }
}
