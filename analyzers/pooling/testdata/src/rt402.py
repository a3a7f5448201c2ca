import asyncpg
import psycopg2
import redis
from flask import Flask
from pymongo import MongoClient

app = Flask(__name__)
cache = redis.Redis()
mongo = MongoClient()
pool = None


async def init():
    global pool
    pool = await asyncpg.create_pool("postgres://")


@app.route("/users/<int:user_id>")
def user(user_id):
    conn = psycopg2.connect("dbname=app")  # want RT402 "psycopg2.connect\(\) opens a new database connection on every request in route handler user\(\); use a connection pool"
    r = redis.Redis()  # want RT402
    return conn, r, cache.get("k")


async def sync_all(ids):
    for i in ids:
        conn = await asyncpg.connect("postgres://")  # want RT402
        MongoClient()  # want RT402
