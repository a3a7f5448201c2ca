import asyncio
import time


async def tick():
    time.sleep(0.1)  # want RT101
    await asyncio.sleep(0)
