# uv.lock pins FastAPI 0.110 (no RT302) and Pydantic 2 (RT303).
import json

from fastapi import FastAPI
from fastapi.responses import JSONResponse

app = FastAPI()


@app.get("/users")
async def users(user):
    body = json.dumps(user.model_dump())  # want RT303
    return JSONResponse(body)
