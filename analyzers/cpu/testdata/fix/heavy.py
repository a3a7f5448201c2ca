import asyncio


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


async def handler(n):
    value = fib(n)  # want RT201
    await asyncio.sleep(0)
    return value
