package io.asyncio4j.loop;

import java.time.Duration;
import java.util.Arrays;

/**
 * What the loop watchdog reports when one step (a callback or a task's run between two awaits)
 * keeps the loop thread longer than the threshold: usually a CPU-bound loop, a native call or
 * a pinned virtual thread. Delivered while the step is still running.
 *
 * <pre>{@code
 * loop.setSlowStepHandler(r -> System.err.println(r.describe()));
 * }</pre>
 *
 * @param owner        the task's name, or a description of the callback
 * @param elapsed      how long the step had been running when it was reported
 * @param creationSite where the task was created (empty unless debug mode recorded it)
 * @param stack        the stack of the step at the time of the report
 */
public record SlowStepReport(String owner, Duration elapsed, StackTraceElement[] creationSite,
                             StackTraceElement[] stack) {
    /** A multi-line human-readable report. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("asyncio4j: a loop step has been running for ").append(elapsed.toMillis())
          .append(" ms and blocks every other task: ").append(owner).append('\n');
        if (creationSite.length > 0) {
            sb.append("  created at:\n");
            Arrays.stream(creationSite).limit(12).forEach(e -> sb.append("    at ").append(e).append('\n'));
        }
        sb.append("  running at:\n");
        Arrays.stream(stack).limit(40).forEach(e -> sb.append("    at ").append(e).append('\n'));
        return sb.toString();
    }
}
