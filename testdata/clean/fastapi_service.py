"""A FastAPI service written the idiomatic, async, pooled way: rtlint must
report nothing here."""
import asyncio
from concurrent.futures import ProcessPoolExecutor
from contextlib import asynccontextmanager

import aiofiles
import asyncpg
import httpx
import orjson
from fastapi import FastAPI, Request
from pydantic import BaseModel

process_pool = ProcessPoolExecutor()


class User(BaseModel):
    id: int
    name: str


def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.http = httpx.AsyncClient(timeout=5)
    app.state.db = await asyncpg.create_pool("postgresql:///app")
    async with aiofiles.open("settings.json", "rb") as f:
        app.state.settings = orjson.loads(await f.read())
    yield
    await app.state.http.aclose()
    await app.state.db.close()


app = FastAPI(lifespan=lifespan)


@app.get("/users/{user_id}")
async def get_user(user_id: int, request: Request) -> User:
    async with request.app.state.db.acquire() as conn:
        row = await conn.fetchrow("SELECT id, name FROM users WHERE id = $1", user_id)
    return User(id=row["id"], name=row["name"])


@app.get("/profile/{user_id}")
async def profile(user_id: int, request: Request) -> dict:
    resp = await request.app.state.http.get(f"https://profiles.internal/{user_id}")
    return resp.json()


@app.get("/fib/{n}")
async def fib_endpoint(n: int) -> dict:
    loop = asyncio.get_running_loop()
    value = await loop.run_in_executor(process_pool, fib, n)
    return {"value": value}


@app.post("/notes")
async def save_note(text: str) -> dict:
    async with aiofiles.open("notes.txt", "a") as f:
        await f.write(text)
    await asyncio.sleep(0)
    return {"ok": True}


@app.get("/users")
async def list_users(request: Request) -> list[User]:
    async with request.app.state.db.acquire() as conn:
        rows = await conn.fetch("SELECT id, name FROM users")
    return [User(id=r["id"], name=r["name"]) for r in rows]


def parse_user(raw: bytes) -> User:
    return User.model_validate_json(raw)
