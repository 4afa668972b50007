package io.asyncio4j.http.client;

import java.util.List;
import java.util.function.Function;

/** Fires the hooks of a session's trace configs (none: nothing to do, no allocation). */
final class Tracer {
    static final Tracer NONE = new Tracer(null, List.of());

    private final ClientSession session;
    private final List<TraceConfig> configs;

    Tracer(ClientSession session, List<TraceConfig> configs) {
        this.session = session;
        this.configs = configs;
    }

    boolean active() {
        return !configs.isEmpty();
    }

    <P> void fire(Function<TraceConfig, List<TraceConfig.Hook<P>>> which, P params) throws Exception {
        for (TraceConfig c : configs) {
            for (TraceConfig.Hook<P> h : which.apply(c)) {
                h.on(session, params);
            }
        }
    }
}
