import urllib.request

import httpx
import requests
from requests import Session


async def fetch_profile(user_id):
    r = requests.get(f"https://api/users/{user_id}")  # want RT102 "requests.get\(\) blocks the event loop in async def fetch_profile\(\)"
    requests.post("https://api/events", json={})  # want RT102
    urllib.request.urlopen("https://example")  # want RT102
    httpx.get("https://api")  # want RT102
    return r


async def with_session():
    s = Session()
    s.get("https://api")  # want RT102 "s.get\(\) \(requests.Session\(\).get\)"
    with httpx.Client() as client:
        client.post("https://api")  # want RT102


async def async_clients():
    async with httpx.AsyncClient() as client:
        await client.get("https://api")
    await asyncio.to_thread(requests.get, "https://api")


def sync_handler():
    return requests.get("https://api")
