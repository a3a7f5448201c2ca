from contextlib import asynccontextmanager

import aiohttp
import httpx
import requests
from fastapi import FastAPI, Request

session = requests.Session()


@asynccontextmanager
async def lifespan(app):
    app.state.http = httpx.AsyncClient()
    yield
    await app.state.http.aclose()


app = FastAPI(lifespan=lifespan)


@app.get("/weather")
async def weather(city: str):
    async with httpx.AsyncClient() as client:  # want RT401 "httpx.AsyncClient\(\) creates a new client and connection pool on every request in route handler weather\(\); create one client at startup"
        return (await client.get("https://w", params={"q": city})).json()


@app.get("/profile")
def profile(user_id: int):
    return requests.get(f"https://p/{user_id}").json()  # want RT401 "requests.get\(\) opens a new connection on every request in route handler profile\(\); use a requests.Session\(\)"


@app.get("/reused")
async def reused(request: Request):
    return (await request.app.state.http.get("https://w")).json()


@app.get("/session")
def with_session():
    return session.get("https://p").json()


def crawl(urls):
    for url in urls:
        requests.get(url)  # want RT401 "on every iteration of a loop in function crawl\(\)"
        s = aiohttp.ClientSession()  # want RT401


def make_client():
    return httpx.Client()


client = httpx.Client()
