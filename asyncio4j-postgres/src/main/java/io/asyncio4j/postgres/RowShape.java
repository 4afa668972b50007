package io.asyncio4j.postgres;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The columns of a result, shared by its records: names, and a name-to-index map. */
final class RowShape {
    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();

    RowShape(List<String> names) {
        this.names = Collections.unmodifiableList(new ArrayList<>(names));
        for (int i = names.size() - 1; i >= 0; i--) {
            index.put(names.get(i), i);
        }
    }

    List<String> names() {
        return names;
    }

    int find(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    int indexOf(String name) {
        int i = find(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + names);
        }
        return i;
    }
}
