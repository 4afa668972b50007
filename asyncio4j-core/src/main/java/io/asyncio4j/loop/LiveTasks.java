package io.asyncio4j.loop;

import io.asyncio4j.Task;

import java.util.ArrayList;
import java.util.List;

/**
 * The loop's strong references to its tasks that are not done, in creation order: a doubly linked
 * list whose node each task keeps, so that adding and removing cost no hashing (a
 * {@code LinkedHashSet} would compute every task's identity hash code, a slow path in the JVM, and
 * keep a larger entry per task). Loop thread only.
 */
final class LiveTasks {
    static final class Node {
        final Task<?> task;
        Node prev;
        Node next;
        boolean linked = true;

        Node(Task<?> task) {
            this.task = task;
        }
    }

    private Node head;
    private Node tail;
    private int size;

    Node add(Task<?> task) {
        Node n = new Node(task);
        Node t = tail;
        n.prev = t;
        if (t == null) {
            head = n;
        } else {
            t.next = n;
        }
        tail = n;
        size++;
        return n;
    }

    void remove(Node n) {
        if (!n.linked) {
            return;
        }
        n.linked = false;
        Node p = n.prev;
        Node x = n.next;
        if (p == null) {
            head = x;
        } else {
            p.next = x;
        }
        if (x == null) {
            tail = p;
        } else {
            x.prev = p;
        }
        n.prev = null;
        n.next = null;
        size--;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** A copy, in creation order. */
    List<Task<?>> toList() {
        List<Task<?>> out = new ArrayList<>(size);
        for (Node n = head; n != null; n = n.next) {
            out.add(n.task);
        }
        return out;
    }

    @Override
    public String toString() {
        return toList().toString();
    }
}
