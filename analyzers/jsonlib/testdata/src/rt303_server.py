import json

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    id: int


@app.post("/items")
def create(raw: str):
    item = Item.model_validate(json.loads(raw))  # want RT303
    return json.dumps(item.model_dump())  # want RT303
