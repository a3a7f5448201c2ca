# Python 3.8 has no asyncio.to_thread: the fixes use run_in_executor.
import requests
import subprocess


async def fetch(url):
    r = requests.get(url, timeout=5)  # want RT102
    return r.text


async def run(cmd):
    return subprocess.check_output(cmd)  # want RT104
