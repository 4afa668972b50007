"""Reference event orders from CPython's asyncio for OrderingAgainstCPythonTest.

Usage: python3 ordering_scenarios.py NAME   -- prints one event per line.
Every scenario here has a Java twin in OrderingAgainstCPythonTest; the two outputs must match.
"""
import asyncio
import sys

log = print


async def interleaving():
    loop = asyncio.get_running_loop()
    loop.call_soon(log, "cb1")
    async def child(name, n):
        for i in range(n):
            log(f"{name} step {i}")
            await asyncio.sleep(0)
        return name
    t1 = asyncio.create_task(child("a", 3))
    t2 = asyncio.create_task(child("b", 2))
    loop.call_soon(log, "cb2")
    log("main yields")
    await asyncio.sleep(0)
    log("main resumed")
    r = await asyncio.gather(t1, t2)
    log(f"gathered {r}")


async def done_callbacks_and_wakeups():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    async def waiter(name):
        log(f"{name} waits")
        v = await fut
        log(f"{name} got {v}")
    ws = [asyncio.create_task(waiter(f"w{i}")) for i in range(3)]
    await asyncio.sleep(0)
    fut.add_done_callback(lambda f: log("callback after waiters"))
    loop.call_soon(log, "queued before set_result")
    fut.set_result("v")
    log("set_result returned")
    await asyncio.gather(*ws)
    log("all woke")


async def cancellation_order():
    loop = asyncio.get_running_loop()
    async def sleeper(name):
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError as e:
            log(f"{name} cancelled msg={e.args[0] if e.args else None}")
            raise
        finally:
            log(f"{name} finally")
    a = asyncio.create_task(sleeper("a"))
    b = asyncio.create_task(sleeper("b"))
    a.add_done_callback(lambda t: log(f"a done cancelled={t.cancelled()}"))
    await asyncio.sleep(0)
    b.cancel("bye b")
    a.cancel("bye a")
    log("cancel requested")
    res = await asyncio.gather(a, b, return_exceptions=True)
    log(f"results {[type(r).__name__ for r in res]}")


async def timers_and_soon():
    loop = asyncio.get_running_loop()
    now = loop.time()
    loop.call_at(now + 0.2, log, "t2")
    loop.call_at(now + 0.1, log, "t1")
    loop.call_soon(log, "soon")
    h = loop.call_later(0.15, log, "cancelled timer")
    h.cancel()
    async def sleeper():
        await asyncio.sleep(0.12)
        log("task slept 120ms")
    await asyncio.gather(sleeper(), asyncio.sleep(0.3))
    log("end")


async def wait_for_semantics():
    async def stubborn():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            log("stubborn swallowed cancel")
        return "stubborn result"
    log(f"wait_for -> {await asyncio.wait_for(stubborn(), 0.01)}")
    async def slow():
        try:
            await asyncio.sleep(10)
        finally:
            log("slow cleanup")
    try:
        await asyncio.wait_for(slow(), 0.01)
    except asyncio.TimeoutError:
        log("TimeoutError")


async def taskgroup_failure():
    # Both failures wake in the same iteration (one future), not from two timers a few
    # microseconds apart that a loaded machine may see in different iterations.
    go = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().call_later(0.01, go.set_result, None)
    async def fail(name, delay):
        await go
        log(f"{name} raises")
        raise ValueError(name)
    async def long(name):
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            log(f"{name} cancelled")
            raise
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(long("l1"))
            tg.create_task(fail("f1", 0.01))
            tg.create_task(fail("f2", 0.01))
            log("body waits")
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                log("body cancelled")
                raise
    except* ValueError as eg:
        log(f"group {[str(e) for e in eg.exceptions]}")
    log(f"cancelling={asyncio.current_task().cancelling()}")


async def shield_and_outer_cancel():
    async def inner():
        await asyncio.sleep(0.02)
        log("inner finished")
        return 1
    t = asyncio.create_task(inner())
    async def outer():
        try:
            return await asyncio.shield(t)
        except asyncio.CancelledError:
            log("outer cancelled")
            raise
    o = asyncio.create_task(outer())
    await asyncio.sleep(0.005)
    o.cancel()
    try:
        await o
    except asyncio.CancelledError:
        log("awaiting outer raised CancelledError")
    log(f"inner result {await t}")


async def as_completed_order():
    async def job(name, d):
        await asyncio.sleep(d)
        return name
    ts = [asyncio.create_task(job(n, d)) for n, d in (("x", 0.03), ("y", 0.01), ("z", 0.02))]
    for f in asyncio.as_completed(ts):
        log(f"next {await f}")


async def self_cancel():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: log(f"fut done cancelled={f.cancelled()}"))
    async def awaits_future():
        asyncio.current_task().cancel("self")
        log("cancel requested")
        try:
            await fut
        except asyncio.CancelledError as e:
            log(f"await raised msg={e.args[0] if e.args else None}")
            raise
    t = asyncio.create_task(awaits_future())
    try:
        await t
    except asyncio.CancelledError:
        log(f"task cancelled={t.cancelled()}")
    loop.call_later(0.05, log, "timer 50ms")
    async def sleeps():
        asyncio.current_task().cancel()
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            log(f"sleep cancelled at once, cancelling={asyncio.current_task().cancelling()}")
        return "swallowed"
    log(f"sleeper -> {await asyncio.create_task(sleeps())}")
    await asyncio.sleep(0.06)


async def future_edges():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    for name, call in (("result", f.result), ("exception", f.exception)):
        try:
            call()
        except asyncio.InvalidStateError as e:
            log(f"pending {name}: InvalidStateError {e}")
    cb = lambda fut: log("cb")
    f.add_done_callback(cb)
    f.add_done_callback(lambda fut: log("other"))
    f.add_done_callback(cb)
    log(f"removed {f.remove_done_callback(cb)} then {f.remove_done_callback(cb)}")
    f.add_done_callback(lambda fut: log("last"))
    log(f"cancel {f.cancel('m')} again {f.cancel()}")
    for name, call in (("result", f.result), ("exception", f.exception)):
        try:
            call()
        except asyncio.CancelledError as e:
            log(f"cancelled {name}: CancelledError {e}")
    try:
        f.set_result(1)
    except asyncio.InvalidStateError:
        log("set_result on cancelled: InvalidStateError")
    await asyncio.sleep(0)
    g = loop.create_future()
    g.set_result(5)
    g.add_done_callback(lambda fut: log(f"late cb {fut.result()}"))
    loop.call_soon(log, "soon after late cb")
    log("added to done future")
    try:
        g.set_exception(ValueError("v"))
    except asyncio.InvalidStateError:
        log("set_exception on finished: InvalidStateError")
    await asyncio.sleep(0)
    h = loop.create_future()
    h.set_exception(ValueError("v"))
    log(f"exception {type(h.exception()).__name__} cancel {h.cancel()} done {h.done()}")


async def gather_edges():
    loop = asyncio.get_running_loop()
    log(f"empty {await asyncio.gather()}")
    async def sleeper(name, d):
        try:
            await asyncio.sleep(d)
            return name
        except asyncio.CancelledError:
            log(f"{name} cancelled")
            raise
    a = asyncio.create_task(sleeper("a", 0.01))
    b = asyncio.create_task(sleeper("b", 10))
    g = asyncio.gather(a, b)
    await asyncio.sleep(0)
    b.cancel("b msg")
    try:
        await g
    except asyncio.CancelledError as e:
        log(f"gather raised CancelledError msg={e.args[0] if e.args else None} a.done={a.done()}")
    log(f"a -> {await a}")
    async def fail():
        await asyncio.sleep(0)
        raise ValueError("boom")
    c = asyncio.create_task(sleeper("c", 0.01))
    try:
        await asyncio.gather(asyncio.create_task(fail()), c)
    except ValueError as e:
        log(f"gather raised {e} c.done={c.done()}")
    log(f"c -> {await c}")
    d = asyncio.create_task(sleeper("d", 10))
    e_ = asyncio.create_task(sleeper("e", 10))
    g3 = asyncio.gather(d, e_, return_exceptions=True)
    await asyncio.sleep(0)
    log(f"cancel gather {g3.cancel('stop')} again {g3.cancel()}")
    try:
        log(f"g3 -> {await g3}")
    except asyncio.CancelledError as ex:
        log(f"g3 raised CancelledError msg={ex.args[0] if ex.args else None}")
    x = asyncio.create_task(sleeper("x", 10))
    y = asyncio.create_task(sleeper("y", 0))
    pf = loop.create_future()
    g4 = asyncio.gather(x, y, pf, return_exceptions=True)
    await asyncio.sleep(0)
    x.cancel("mx")
    pf.cancel("mf")
    log(f"g4 -> {[type(r).__name__ + ':' + str(r) for r in await g4]}")
    f = loop.create_future()
    f.set_result(7)
    log(f"dupes {await asyncio.gather(f, f)}")
    done = loop.create_future()
    done.set_result(1)
    pend = loop.create_future()
    g5 = asyncio.gather(done, pend)
    log(f"cancel with a done child {g5.cancel()} pend.cancelled={pend.cancelled()}")
    try:
        await g5
    except asyncio.CancelledError:
        log("g5 raised CancelledError")


async def wait_edges():
    async def job(name, d, fail=False):
        await asyncio.sleep(d)
        if fail:
            raise ValueError(name)
        return name
    names = lambda s: sorted(t.get_name() for t in s)
    ts = [asyncio.create_task(job("a", 0.01), name="a"), asyncio.create_task(job("b", 0.02, True), name="b"),
          asyncio.create_task(job("c", 10), name="c")]
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_COMPLETED)
    log(f"first_completed done={names(done)} pending={names(pending)}")
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_EXCEPTION)
    log(f"first_exception done={names(done)} pending={names(pending)}")
    done, pending = await asyncio.wait(ts, timeout=0.01)
    log(f"timeout done={names(done)} pending={names(pending)} c.cancelled={ts[2].cancelled()}")
    try:
        await asyncio.wait([])
    except ValueError as e:
        log(f"empty: ValueError {e}")
    done, pending = await asyncio.wait(ts[:2], return_when=asyncio.FIRST_EXCEPTION)
    log(f"already done={names(done)} pending={names(pending)}")
    ts[2].cancel()
    done, pending = await asyncio.wait(ts)
    log(f"all done={names(done)} pending={names(pending)}")


async def taskgroup_edges():
    async def fail(name, d):
        await asyncio.sleep(d)
        log(f"{name} raises")
        raise ValueError(name)
    async def sleeper(name):
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            log(f"{name} cancelled")
            raise
    async def bad_cleanup(name):
        try:
            await asyncio.sleep(10)
        finally:
            log(f"{name} fails in cleanup")
            raise KeyError(name)
    kinds = lambda eg: [type(e).__name__ + ':' + str(e) for e in eg.exceptions]
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail("child", 0.01))
            tg.create_task(bad_cleanup("cleaner"))
            await asyncio.sleep(0)
            raise RuntimeError("body")
    except BaseExceptionGroup as eg:
        log(f"group {kinds(eg)}")
    late = sleeper("late")
    try:
        tg.create_task(late)
    except RuntimeError:
        late.close()
        log("create_task after exit: RuntimeError")
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail("f", 0.01))
            tg.create_task(bad_cleanup("cleaner2"))
    except BaseExceptionGroup as eg:
        log(f"group {kinds(eg)}")
    async def grouped():
        async with asyncio.TaskGroup() as tg:
            tg.create_task(sleeper("child"))
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                log("body cancelled")
                raise
    t = asyncio.create_task(grouped())
    await asyncio.sleep(0.01)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        log(f"grouped cancelled={t.cancelled()}")
    async with asyncio.TaskGroup() as tg:
        async def spawner():
            await asyncio.sleep(0)
            tg.create_task(job_log("spawned"))
        async def job_log(name):
            log(f"{name} runs")
        tg.create_task(spawner())
    log("group with a task created by a task: done")


async def cancel_interplay():
    loop = asyncio.get_running_loop()
    async def swallower(name):
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            log(f"{name} swallowed")
        return f"{name} value"
    inner = asyncio.create_task(swallower("inner"))
    async def outer_body():
        r = await inner
        log(f"outer got {r!r} cancelling={asyncio.current_task().cancelling()}")
        await asyncio.sleep(0)
        log("outer not cancelled")
        return "outer value"
    outer = asyncio.create_task(outer_body())
    await asyncio.sleep(0)
    log(f"cancel outer {outer.cancel()} inner.cancelling={inner.cancelling()}")
    log(f"outer -> {await outer}")
    t = asyncio.create_task(swallower("t"))
    await asyncio.sleep(0)
    t.cancel()
    t.cancel()
    log(f"cancelling twice={t.cancelling()}")
    log(f"t -> {await t} cancelled={t.cancelled()} cancel again {t.cancel()}")
    w = asyncio.create_task(asyncio.sleep(10))
    async def waits_for():
        try:
            await asyncio.wait_for(w, 5)
        except asyncio.CancelledError:
            log(f"wait_for cancelled, w.cancelled={w.cancelled()}")
            raise
    wf = asyncio.create_task(waits_for())
    await asyncio.sleep(0)
    wf.cancel()
    try:
        await wf
    except asyncio.CancelledError:
        log("wf cancelled")
    fut = loop.create_future()
    async def awaits_shield():
        try:
            await asyncio.shield(fut)
        except asyncio.CancelledError:
            log(f"shield awaiter cancelled, fut.cancelled={fut.cancelled()}")
            raise
    sh = asyncio.create_task(awaits_shield())
    await asyncio.sleep(0)
    sh.cancel()
    try:
        await sh
    except asyncio.CancelledError:
        pass
    fut.set_result(1)
    log(f"shielded fut -> {await fut}")
    done = loop.create_future()
    done.set_result(2)
    log(f"shield of a done future is it: {asyncio.shield(done) is done}")
    async def cancels_then_catches():
        asyncio.current_task().cancel()
        try:
            await asyncio.sleep(0)
        except asyncio.CancelledError:
            log("sleep(0) raised")
        await asyncio.sleep(0)
        log("next sleep(0) fine")
        asyncio.current_task().cancel("late")
        return "returned"
    c = asyncio.create_task(cancels_then_catches())
    try:
        await c
    except asyncio.CancelledError as e:
        log(f"returning after a cancel request -> cancelled msg={e.args[0] if e.args else None}")


async def queue_edges():
    q = asyncio.Queue(maxsize=-1)
    for i in range(5):
        q.put_nowait(i)
    log(f"maxsize -1: full={q.full()} qsize={q.qsize()}")
    q = asyncio.Queue(2)
    async def getter(name):
        log(f"{name} got {await q.get()}")
    async def putter(name, item):
        await q.put(item)
        log(f"{name} put {item}")
    gs = [asyncio.create_task(getter(f"g{i}")) for i in range(2)]
    await asyncio.sleep(0)
    q.put_nowait("a")
    q.put_nowait("b")
    log(f"after two puts qsize={q.qsize()}")
    await asyncio.gather(*gs)
    q.put_nowait(1)
    q.put_nowait(2)
    try:
        q.put_nowait(3)
    except asyncio.QueueFull:
        log("QueueFull")
    ps = [asyncio.create_task(putter(f"p{i}", 10 + i)) for i in range(3)]
    await asyncio.sleep(0)
    log(f"got {q.get_nowait()} then {await q.get()}")
    await asyncio.sleep(0)
    log(f"qsize={q.qsize()} full={q.full()}")
    items = [await q.get() for _ in range(q.qsize())]
    log(f"drained {items}")
    await asyncio.gather(*ps)
    log(f"left {[q.get_nowait() for _ in range(q.qsize())]}")
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        log("QueueEmpty")
    for _ in range(7):
        q.task_done()
    try:
        q.task_done()
    except ValueError:
        log("task_done too often: ValueError")
    async def joiner():
        await q.join()
        log("join returned")
    q.put_nowait("x")
    j = asyncio.create_task(joiner())
    await asyncio.sleep(0)
    q.get_nowait()
    await asyncio.sleep(0)
    log("got x, join still waits")
    q.task_done()
    await j
    lq = asyncio.LifoQueue()
    pq = asyncio.PriorityQueue()
    for i in (3, 1, 2):
        lq.put_nowait(i)
        pq.put_nowait(i)
    log(f"lifo {[lq.get_nowait() for _ in range(3)]} priority {[pq.get_nowait() for _ in range(3)]}")


async def sync_edges():
    lock = asyncio.Lock()
    try:
        lock.release()
    except RuntimeError as e:
        log(f"release unlocked: RuntimeError {e}")
    async def locker(name):
        async with lock:
            log(f"{name} holds the lock")
            await asyncio.sleep(0)
    await lock.acquire()
    ls = [asyncio.create_task(locker(f"l{i}")) for i in range(3)]
    await asyncio.sleep(0)
    ls[1].cancel()
    lock.release()
    log(f"released, locked={lock.locked()}")
    await asyncio.gather(*ls, return_exceptions=True)
    cond = asyncio.Condition()
    async def waiter(name):
        async with cond:
            await cond.wait()
            log(f"{name} notified")
    ws = [asyncio.create_task(waiter(f"w{i}")) for i in range(4)]
    await asyncio.sleep(0)
    async with cond:
        cond.notify(2)
        log("notify(2) sent")
    await asyncio.sleep(0)
    async with cond:
        cond.notify_all()
    await asyncio.gather(*ws)
    try:
        cond.notify()
    except RuntimeError as e:
        log(f"notify unlocked: RuntimeError {e}")
    items = []
    async def consumer():
        async with cond:
            await cond.wait_for(lambda: len(items) >= 2)
            log(f"wait_for saw {items}")
    c = asyncio.create_task(consumer())
    for i in range(2):
        await asyncio.sleep(0)
        async with cond:
            items.append(i)
            cond.notify()
    await c
    barrier = asyncio.Barrier(3)
    async def party(name):
        try:
            log(f"{name} index {await barrier.wait()}")
        except asyncio.BrokenBarrierError:
            log(f"{name} BrokenBarrierError")
    ps = [asyncio.create_task(party(f"b{i}")) for i in range(3)]
    await asyncio.gather(*ps)
    ps = [asyncio.create_task(party(f"r{i}")) for i in range(2)]
    await asyncio.sleep(0)
    log(f"n_waiting={barrier.n_waiting}")
    await barrier.reset()
    await asyncio.gather(*ps)
    log(f"after reset broken={barrier.broken} n_waiting={barrier.n_waiting}")
    ps = [asyncio.create_task(party(f"a{i}")) for i in range(2)]
    await asyncio.sleep(0)
    await barrier.abort()
    await asyncio.gather(*ps)
    await party("late")
    log(f"broken={barrier.broken}")

async def stream_reader_edges():
    loop = asyncio.get_running_loop()

    async def reader(name, op):
        try:
            v = await op()
            log(f"{name} got {v!r}")
        except asyncio.IncompleteReadError as e:
            log(f"{name} IncompleteReadError partial={e.partial!r} expected={e.expected}")
        except asyncio.LimitOverrunError as e:
            log(f"{name} LimitOverrunError consumed={e.consumed}")
        except (RuntimeError, ValueError) as e:
            log(f"{name} {type(e).__name__}")

    r = asyncio.StreamReader(limit=8)
    t1 = asyncio.create_task(reader("line", r.readline))
    await asyncio.sleep(0)
    await reader("second", lambda: r.read(1))  # another reader is waiting
    loop.call_soon(r.feed_data, b"ab")
    loop.call_soon(log, "fed ab")
    await asyncio.sleep(0)
    log("main after ab")
    r.feed_data(b"c\nde")
    log("fed c")
    await t1
    t2 = asyncio.create_task(reader("exact", lambda: r.readexactly(5)))
    await asyncio.sleep(0)
    r.feed_data(b"fg")
    await asyncio.sleep(0)
    log("after fg")
    r.feed_data(b"hij")
    r.feed_eof()
    log(f"at_eof {r.at_eof()}")
    await t2
    await reader("rest", r.read)
    await reader("more", lambda: r.readexactly(1))
    log(f"at_eof {r.at_eof()}")

    r = asyncio.StreamReader(limit=4)
    r.feed_data(b"toolongline\nok\npartial")
    await reader("long", r.readline)
    await reader("ok", r.readline)
    await reader("until", lambda: r.readuntil(b"!"))
    r.feed_data(b"!!")
    await reader("until2", lambda: r.readuntil(b"!!"))
    r.feed_eof()
    await reader("tail", lambda: r.readuntil(b"!"))

    r = asyncio.StreamReader()
    t3 = asyncio.create_task(reader("failing", lambda: r.read(5)))
    await asyncio.sleep(0)
    r.set_exception(ValueError("boom"))
    log("exception set")
    await t3
    r = asyncio.StreamReader()
    r.feed_data(b"x\ny\n")
    loop.call_later(0.01, r.feed_eof)
    async for line in r:
        log(f"line {line!r}")
    log("iteration done")


SCENARIOS = {f.__name__: f for f in (interleaving, done_callbacks_and_wakeups, cancellation_order, timers_and_soon,
                                     wait_for_semantics, taskgroup_failure, shield_and_outer_cancel,
                                     as_completed_order, self_cancel, future_edges, gather_edges,
                                     wait_edges, taskgroup_edges, cancel_interplay, queue_edges, sync_edges,
                                     stream_reader_edges)}

if __name__ == "__main__":
    asyncio.run(SCENARIOS[sys.argv[1]]())
