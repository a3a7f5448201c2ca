import json

import ujson
from fastapi import FastAPI

app = FastAPI()

DEFAULTS = json.loads('{"page": 1}')  # want RT301 "uses the slow stdlib json in server code; use orjson"


@app.get("/orders")
def orders():
    return json.dumps(load_orders())  # want RT301 "on every request in route handler orders\(\)"


def export(rows):
    for row in rows:
        print(json.dumps(row))  # want RT301 "in a loop in function export\(\)"
    ujson.dumps(rows)  # want RT301


@app.get("/x")
def not_json():
    return {"ok": True}
