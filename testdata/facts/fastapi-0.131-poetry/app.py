import json

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from pydantic import BaseModel

app = FastAPI()


class User(BaseModel):
    name: str


@app.get("/users")
async def users():
    return JSONResponse({"users": []})  # want RT302


@app.post("/echo")
async def echo(raw: str):
    user = User.model_validate(json.loads(raw))  # want RT303 "User.model_validate_json"
    return json.dumps(user.model_dump())  # want RT303 "user.model_dump_json\(\)"
