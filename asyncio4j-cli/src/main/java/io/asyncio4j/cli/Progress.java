package io.asyncio4j.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Progress bars for concurrent downloads: one line per file plus a total line (bytes, rate,
 * ETA), redrawn in place on a terminal (ANSI cursor-up) or printed as plain lines when output is
 * not a terminal. Touched only from the loop thread, so it needs no locking.
 */
final class Progress {
    /** One file's progress. */
    static final class Item {
        final String name;
        long done;
        long total = -1; // unknown until the response says
        String state = "waiting";

        Item(String name) {
            this.name = name;
        }
    }

    private final PrintStream out;
    private final boolean ansi;
    private final List<Item> items = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private int linesDrawn;
    private long lastDraw;

    Progress(PrintStream out, boolean ansi) {
        this.out = out;
        this.ansi = ansi;
    }

    Item add(String name) {
        Item i = new Item(name);
        items.add(i);
        return i;
    }

    /** Redraws at most every 100 ms unless {@code force}. */
    void draw(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        if (!ansi) {
            if (force) {
                out.println(totalLine(now));
            }
            return;
        }
        StringBuilder sb = new StringBuilder();
        if (linesDrawn > 0) {
            sb.append("\u001b[").append(linesDrawn).append('F'); // back to the first line we drew
        }
        for (Item i : items) {
            sb.append("\u001b[2K").append(line(i)).append('\n');
        }
        sb.append("\u001b[2K").append(totalLine(now)).append('\n');
        linesDrawn = items.size() + 1;
        out.print(sb);
        out.flush();
    }

    /** A plain line for an event (used when not on a terminal). */
    void event(Item i, String what) {
        i.state = what;
        if (!ansi) {
            out.println(i.name + ": " + what + " (" + human(i.done) + ")");
        }
        draw(false);
    }

    static String line(Item i) {
        int width = 30;
        String bar;
        String pct;
        if (i.total > 0) {
            int filled = (int) Math.min(width, i.done * width / i.total);
            bar = "#".repeat(filled) + "-".repeat(width - filled);
            pct = String.format("%3d%%", i.done * 100 / i.total);
        } else {
            bar = "?".repeat(width);
            pct = "  ?%";
        }
        String name = i.name.length() > 24 ? "..." + i.name.substring(i.name.length() - 21) : i.name;
        return String.format("%-24s [%s] %s %9s  %s", name, bar, pct, human(i.done), i.state);
    }

    String totalLine(long now) {
        long done = 0;
        long total = 0;
        boolean known = true;
        for (Item i : items) {
            done += i.done;
            if (i.total < 0) {
                known = false;
            } else {
                total += i.total;
            }
        }
        double secs = Math.max(1e-9, (now - startNanos) / 1e9);
        double rate = done / secs;
        String eta = known && rate > 0 && total >= done ? String.format("ETA %.1f s", (total - done) / rate) : "ETA ?";
        return String.format("total %s%s in %.1f s, %s/s, %s", human(done), known ? " of " + human(total) : "", secs,
                human((long) rate), eta);
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }
}
