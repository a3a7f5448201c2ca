import asyncio
import time
from time import sleep as nap
import time as t


async def poll():
    time.sleep(1)  # want RT101 "time.sleep\(\) blocks the event loop in async def poll\(\); use await asyncio.sleep\(\)"
    nap(0.5)  # want RT101 "nap\(\) \(time.sleep\)"
    t.sleep(2)  # want RT101
    await asyncio.sleep(1)


async def by_reference():
    # A reference handed to a thread is not a call on the loop.
    await asyncio.to_thread(time.sleep, 1)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, time.sleep, 1)


async def nested_sync_scope():
    def worker():
        time.sleep(1)  # a nested sync def starts a fresh, non-async scope

    cb = lambda: time.sleep(1)
    await asyncio.to_thread(worker)


def sync_code():
    time.sleep(1)


class Poller:
    async def tick(self):
        time.sleep(0.1)  # want RT101 "async def Poller.tick\(\)"


time.sleep(1)  # module top level: startup code
