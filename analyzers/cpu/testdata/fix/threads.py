import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import hashlib
import requests


def checksum(data):
    total = 0
    for b in data:
        total = (total * 31 + b) % 4294967296
    return total


def download(url):
    return requests.get(url).content


def summarize(rows):
    out = []
    for row in rows:
        out.append(row["a"] + row["b"])
    with open("log.txt", "a") as f:
        f.write(str(len(out)))
    return out


async def main(payload, urls):
    await asyncio.to_thread(checksum, payload)  # want RT202 "checksum\(\) is CPU-bound and runs in a thread via asyncio.to_thread\(\); the GIL"
    t = threading.Thread(target=checksum, args=(payload,))  # want RT202
    with ThreadPoolExecutor() as pool:
        pool.submit(checksum, payload)  # want RT202
        list(pool.map(download, urls))
        pool.submit(summarize, [])
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, partial(checksum, payload))  # want RT202
    await loop.run_in_executor(None, hashlib.sha256, payload)
    await asyncio.to_thread(download, urls[0])
    threading.Thread(target=download, args=(urls[0],)).start()
