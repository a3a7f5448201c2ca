from fastapi import FastAPI
from fastapi.responses import JSONResponse

app = FastAPI()


@app.get("/users")
async def users():
    return JSONResponse({"users": []})  # want RT302
