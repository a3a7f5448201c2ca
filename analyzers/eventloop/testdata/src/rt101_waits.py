# Blocking waits on threading objects, known by binding or annotation.
import asyncio
import queue
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Optional

pool = ThreadPoolExecutor()


class Worker:
    def __init__(self):
        self.q = queue.Queue()
        self.ready = threading.Event()
        self.lock = threading.Lock()
        self.aq = asyncio.Queue()

    async def run(self, fut: Future, t: threading.Thread, maybe: "Optional[Future]"):
        t.join()  # want RT101 "threading.Thread\(\).join"
        fut.result()  # want RT101 "asyncio.wrap_future"
        maybe.result()  # want RT101
        self.q.get()  # want RT101 "asyncio.Queue"
        self.ready.wait()  # want RT101 "asyncio.Event"
        self.lock.acquire()  # want RT101
        pool.submit(print).result()  # want RT101
        # Told not to block, or asyncio's own: fine.
        self.q.get(block=False)
        self.q.get_nowait()
        self.lock.acquire(False)
        t.join(timeout=0)
        await self.aq.get()


def in_a_thread(t: threading.Thread):
    t.join()
