# pydantic<2 admits only Pydantic 1: no model_dump_json to advise (RT303
# stays silent; RT301's orjson advice applies).
import json

from fastapi import FastAPI

app = FastAPI()


@app.post("/echo")
async def echo(user):
    return json.dumps(user.dict())  # want RT301
