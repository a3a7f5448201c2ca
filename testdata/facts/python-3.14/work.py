# Every supported Python has InterpreterPoolExecutor: the advice names it.
import asyncio


def checksum(data):
    total = 0
    for b in data:
        total = (total * 31 + b) % 2**32
    return total


async def handle(payload):
    return await asyncio.to_thread(checksum, payload)  # want RT202 "use InterpreterPoolExecutor \(each task"
