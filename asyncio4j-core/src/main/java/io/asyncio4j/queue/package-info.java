/**
 * Queues for tasks of one loop: asyncio's {@code Queue}, {@code LifoQueue} and
 * {@code PriorityQueue}, with {@code join}/{@code taskDone} and 3.13's {@code shutdown}.
 */
package io.asyncio4j.queue;
