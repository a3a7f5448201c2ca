"""CPU-bound work in the wrong places."""
import asyncio


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def checksum(data):
    total = 0
    for b in data:
        total = (total * 31 + b) % 4294967296
    return total


def matmul(a, b, n):
    c = [[0] * n for _ in range(n)]
    for i in range(n):  # RT203: use NumPy
        for j in range(n):
            for k in range(n):
                c[i][j] += a[i][k] * b[k][j]
    return c


async def handle(n, payload):
    result = fib(n)  # RT201: recursion on the event loop
    digest = await asyncio.to_thread(checksum, payload)  # RT202: the GIL serialises it
    return result, digest
