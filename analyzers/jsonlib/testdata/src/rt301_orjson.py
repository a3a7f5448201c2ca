import orjson
from flask import Flask

app = Flask(__name__)


@app.route("/items")
def items():
    return orjson.dumps({"items": []})
