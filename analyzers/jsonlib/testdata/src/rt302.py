import http
from http import HTTPStatus

from fastapi import FastAPI, status
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, JSONResponse, ORJSONResponse

app = FastAPI()


@app.get("/users/{user_id}")
async def get_user(user_id: int):
    return JSONResponse(jsonable_encoder(await load(user_id)))  # want RT302 "JSONResponse built by hand in path operation get_user\(\)"


@app.get("/items", response_class=JSONResponse)  # want RT302 "response_class=JSONResponse in path operation list_items\(\)"
async def list_items():
    return [1, 2, 3]


@app.post("/users")
async def create_user(user: dict):
    if not user:
        return JSONResponse({"error": "empty"}, status_code=400)
    if user.get("banned"):
        return JSONResponse({"error": "banned"}, status_code=status.HTTP_403_FORBIDDEN)
    if user.get("locked"):
        return JSONResponse({"error": "locked"}, status_code=HTTPStatus.LOCKED)
    if user.get("gone"):
        return JSONResponse({"error": "gone"}, status_code=http.HTTPStatus(410))
    if user.get("draft"):
        return JSONResponse(user, status_code=HTTPStatus.ACCEPTED)  # want RT302
    return JSONResponse(user, status_code=201)  # want RT302


@app.get("/fast")
async def fast() -> dict:
    return {"ok": True}


@app.get("/page", response_class=HTMLResponse)
async def page():
    return "<p>hi</p>"


@app.get("/legacy")
async def legacy():
    return ORJSONResponse({"ok": True})


@app.exception_handler(ValueError)
async def on_error(request, exc):
    return JSONResponse({"detail": str(exc)})


def helper():
    return JSONResponse({})
