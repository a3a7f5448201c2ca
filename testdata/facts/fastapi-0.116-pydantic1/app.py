# FastAPI 0.116 and Pydantic 1: no Rust serialisation to point to.
import json

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from pydantic import BaseModel

app = FastAPI()


class User(BaseModel):
    name: str


@app.get("/users")
async def users():
    return JSONResponse({"users": []})  # before 0.130 a response model is no faster: no RT302


@app.post("/echo")
async def echo(raw: str):
    user = User.parse_obj(json.loads(raw))  # want RT301 "orjson"
    return json.dumps(user.dict())  # want RT301
