async def main():
    name = input("name? ")  # want RT107 "input\(\) blocks the event loop in async def main\(\)"
    name = await asyncio.to_thread(input, "name? ")


def cli():
    return input("name? ")
