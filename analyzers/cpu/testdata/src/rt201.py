import asyncio


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def crunch():
    total = 0
    for i in range(1_000_000):
        total += i * i
    return total


def fetch_tree(url):
    for child in requests.get(url).json():
        fetch_tree(child)


async def handler(n):
    x = fib(n)  # want RT201 "fib\(\) is CPU-heavy \(it recurses into itself\) and blocks the event loop in async def handler\(\); run it in a process pool"
    y = crunch()  # want RT201 "loops 1,000,000 times"
    for i in range(200_000):  # want RT201 "CPU-heavy loop \(loops 200,000 times\)"
        x += i
    for i in range(1000):  # want RT201 "loops 1,000,000 times"
        for j in range(1000):
            x += i * j
    for i in range(10):
        for j in range(10):
            x += 1
    for order in orders:
        x += order.total
    for i in range(1_000_000):
        await asyncio.sleep(0)
    while True:  # want RT201 "loops forever without awaiting"
        x = (x * 31 + 7) % 1_000_003
        if x == 1:
            break
    while True:
        msg = await queue.get()
    fetch_tree("https://api")
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, fib, n)
    return x + y


def sync_work():
    for i in range(10_000_000):
        pass
    return fib(30)
