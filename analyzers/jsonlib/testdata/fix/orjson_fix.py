import json

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    id: int


@app.get("/items")
def items():
    body = json.dumps({"a": 1}, indent=2, sort_keys=True)  # want RT301
    data = json.loads(body)  # want RT301
    raw = json.dumps(data, default=str)  # want RT301
    return raw, body


@app.post("/items")
def create(raw: str):
    item = Item.model_validate(json.loads(raw))  # want RT303
    return json.dumps(item.model_dump())  # want RT303
