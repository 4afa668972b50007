/**
 * Synchronisation primitives for tasks of one loop: asyncio's {@code Lock}, {@code Event},
 * {@code Condition}, {@code Semaphore}, {@code BoundedSemaphore} and {@code Barrier}. They are
 * not thread-safe: use them from tasks of one loop only.
 */
package io.asyncio4j.sync;
