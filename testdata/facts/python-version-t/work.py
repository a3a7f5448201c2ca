# .python-version names a free-threaded build (3.13t): no RT202.
import asyncio


def checksum(data):
    total = 0
    for b in data:
        total = (total * 31 + b) % 2**32
    return total


async def handle(payload):
    return await asyncio.to_thread(checksum, payload)
