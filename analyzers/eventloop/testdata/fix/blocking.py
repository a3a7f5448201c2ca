"""Blocking calls in async code, with their safe fixes."""
import subprocess
import time
from time import sleep as nap

import requests


async def handler(url, path):
    time.sleep(1)  # want RT101
    nap(0.5)  # want RT101
    data = requests.get(url, timeout=5).json()  # want RT102
    subprocess.run(["ls", "-l"], check=True)  # want RT104
    with open(path) as f:  # want RT103
        body = f.read()
    name = input("name? ")  # want RT107
    return data, body, name


def sync(url):
    time.sleep(1)
    return requests.get(url)
