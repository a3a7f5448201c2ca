import asyncio
import time


async def tick():
    time.sleep(0.1)  # want RT101
    await asyncio.sleep(0)


async def login(password: bytes, hashed: bytes):
    import bcrypt
    return bcrypt.checkpw(password, hashed)  # want RT105


async def query(db):
    import sqlite3
    conn = sqlite3.connect("app.db")  # want RT106
    return conn
