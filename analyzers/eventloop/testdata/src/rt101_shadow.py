import asyncio


class time:
    @staticmethod
    def sleep(x):
        return x


async def not_the_library():
    time.sleep(1)  # `time` is a local class here, not the module


async def uses_asyncio():
    await asyncio.sleep(0)
