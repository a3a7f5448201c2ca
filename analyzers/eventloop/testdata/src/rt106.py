import sqlite3

import psycopg2
import redis
from pymongo import MongoClient
from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine("postgresql://")
SessionLocal = sessionmaker(bind=engine)
cache = redis.Redis()
db = sqlite3.connect("app.db")


async def get_user(user_id):
    conn = psycopg2.connect("dbname=app")  # want RT106 "psycopg2.connect\(\) blocks the event loop in async def get_user\(\)"
    cur = conn.cursor()  # want RT106
    cur.execute("SELECT 1")  # want RT106
    db.execute("SELECT 1")  # want RT106 "sqlite3.connect\(\).execute"
    cache.get("k")  # want RT106
    MongoClient()  # want RT106
    with engine.connect() as c:  # want RT106
        pass
    s = SessionLocal()
    s.query(user_id)  # want RT106
    with Session(engine) as session:
        session.execute("SELECT 1")  # want RT106


def sync_view():
    return db.execute("SELECT 1")
