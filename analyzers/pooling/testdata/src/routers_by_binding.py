# Route handlers are recognised by what the decorator's object is bound to,
# whatever its name (SPEC §2): Blueprint, Namespace, APIRouter, RouteTableDef.
import requests
from aiohttp import web
from fastapi import APIRouter
from flask import Blueprint
from flask_restx import Namespace, Resource

auth = Blueprint("auth", __name__)
users_namespace = Namespace("users")
admin = APIRouter(prefix="/admin")
handlers = web.RouteTableDef()


@auth.route("/login")
def login():
    return requests.get("https://sso.internal/check")  # want RT401 "route handler login"


@admin.get("/stats")
def stats():
    return requests.get("https://stats.internal")  # want RT401


@handlers.get("/ping")
async def ping(request):
    return requests.get("https://upstream.internal")  # want RT401


@users_namespace.route("/users")
class Users(Resource):
    def get(self):
        return requests.get("https://users.internal")  # want RT401 "resource method Users.get"

    def helper(self):
        return requests.get("https://users.internal")


class Mapper:
    def route(self, path):
        return lambda f: f


mapper = Mapper()


# Not a router: an object of the project's own class.
@mapper.route("/x")
def not_a_handler():
    return requests.get("https://x.internal")
