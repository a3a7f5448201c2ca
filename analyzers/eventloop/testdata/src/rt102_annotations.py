# Sync HTTP clients known by annotation: parameters, Optional, strings,
# unions, and class-level attribute annotations.
from typing import Optional

import httpx
import requests


class Api:
    client: httpx.Client
    session: "requests.Session"

    def __init__(self, client: httpx.Client):
        self.client = client
        self.session = requests.Session()

    async def fetch(self, other: Optional[httpx.Client], third: httpx.Client | None):
        self.client.get("/a")  # want RT102 "httpx.Client\(\).get"
        self.session.get("/b")  # want RT102
        other.post("/c")  # want RT102
        third.get("/d")  # want RT102


async def plain(client: httpx.AsyncClient):
    await client.get("/e")


# Annotated locals: the declared type wins over the right-hand side.
async def annotated_locals(make):
    client: httpx.Client = ...
    client.request("GET", "/f")  # want RT102 "httpx.Client\(\).request"
    maybe: Optional["httpx.Client"] = make()
    maybe.get("/g")  # want RT102
    count: int = 5
    count.bit_length()
    fine: httpx.AsyncClient = make()
    await fine.get("/h")
