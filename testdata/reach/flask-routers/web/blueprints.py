# Routers are bound here and decorated in other files: what makes a
# handler is what the decorator's object is bound to, not its name.
from fastapi import APIRouter
from flask import Blueprint

auth = Blueprint("auth", __name__)
accounts = APIRouter(prefix="/accounts")
registry = dict()  # not a router, though its .get() decorates below
