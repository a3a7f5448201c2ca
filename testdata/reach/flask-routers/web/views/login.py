import httpx
import requests

from ..blueprints import auth, registry
from web.routes import accounts


@auth.route("/login", methods=["POST"])
def login():
    session = requests.Session()  # want RT401 "route handler"
    return session.post("https://idp.example/token").json()


@accounts.get("/{account_id}")
def get_account(account_id: int):
    client = httpx.Client()  # want RT401
    return client.get(f"https://billing.example/{account_id}").json()


@registry.get("plugin")
def plugin():
    # registry is a dict, not a router: not a handler, not per request.
    session = requests.Session()
    return session
