"""A small FastAPI service with the mistakes rtlint exists to catch."""
import asyncio
import hashlib
import sqlite3
import subprocess
import time

import requests
from fastapi import FastAPI

from storage import load_profile

app = FastAPI()
db = sqlite3.connect("app.db")

with open("settings.toml") as f:  # startup code: fine
    SETTINGS = f.read()


@app.get("/users/{user_id}")
async def get_user(user_id: int):
    time.sleep(0.1)  # RT101: use await asyncio.sleep()
    profile = requests.get(f"https://profiles.internal/users/{user_id}").json()  # RT102
    row = db.execute("SELECT name FROM users WHERE id = ?", (user_id,)).fetchone()  # RT106
    return {"name": row[0], "profile": profile}


@app.post("/reports")
async def build_report(name: str):
    with open(f"reports/{name}.txt", "w") as out:  # RT103
        out.write("...")
    subprocess.run(["gzip", f"reports/{name}.txt"], check=True)  # RT104
    return {"ok": True}


@app.post("/login")
async def login(password: str):
    key = hashlib.pbkdf2_hmac("sha256", password.encode(), b"salt", 200_000)  # RT105
    return {"key": key.hex()}


@app.get("/profiles/{user_id}")
async def get_profile(user_id: int):
    return load_profile(user_id)  # the blocking call is in storage.py: reach follows it


async def repl():
    while True:
        command = input("> ")  # RT107
        await asyncio.sleep(0)
        print(command)


@app.get("/health")
def health():
    # A sync endpoint runs in FastAPI's thread pool: blocking here is fine.
    time.sleep(0.01)
    return {"ok": True}
