import httpx
import requests
from fastapi import FastAPI
from sqlalchemy import create_engine, text

app = FastAPI()
DATABASE_URL = "postgresql:///app"


@app.get("/profile")
def profile(user_id: int):
    return requests.get(f"https://p/{user_id}", timeout=5).json()  # want RT401


@app.get("/orders")
def orders():
    engine = create_engine(DATABASE_URL, pool_size=5)  # want RT403
    with engine.connect() as conn:
        return conn.execute(text("SELECT 1")).all()


@app.get("/weather")
async def weather(city: str):
    async with httpx.AsyncClient() as client:  # want RT401
        return (await client.get("https://w", params={"q": city})).json()


@app.get("/local")
def local(url: str):
    engine = create_engine(url)  # want RT403
    return engine
