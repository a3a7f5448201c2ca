import json

from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    compact = json.dumps({"a": 1})  # want RT301
    return json.dumps(compact, cls=json.JSONEncoder)  # want RT301
