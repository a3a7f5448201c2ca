"""JSON and connection-pooling mistakes in a FastAPI service."""
import json

import httpx
import psycopg2
from fastapi import FastAPI
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import create_engine, text

app = FastAPI()


class Order(BaseModel):
    id: int
    total: float


@app.get("/orders/{order_id}")
async def get_order(order_id: int):
    async with httpx.AsyncClient() as client:  # RT401: a new client per request
        await client.get(f"https://audit.internal/orders/{order_id}")
    conn = psycopg2.connect("dbname=shop")  # RT402 (and RT106: sync driver in async def)
    return JSONResponse(jsonable_encoder({"id": order_id, "conn": str(conn)}))  # RT302


@app.get("/report")
def report():
    engine = create_engine("postgresql:///shop")  # RT403: a new pool per request
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, total FROM orders")).all()
    return json.dumps([dict(r._mapping) for r in rows])  # RT301: use orjson


def encode(order: Order) -> str:
    return json.dumps(order.model_dump())  # RT303: use order.model_dump_json()
