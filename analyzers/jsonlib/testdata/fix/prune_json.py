# `json` left only in strings, comments and another import statement is
# unused: the fix removes `import json`.
import json
from json.decoder import JSONDecodeError

from fastapi import FastAPI

app = FastAPI()


@app.get("/x")
def x(raw: str):
    # parse the json body
    try:
        return json.loads(raw), "application/json"  # want RT301
    except JSONDecodeError:
        return None
