from fastapi import FastAPI
from psycopg_pool import ConnectionPool
from sqlalchemy import create_engine, text

app = FastAPI()
engine = create_engine("postgresql://")


@app.get("/orders")
def orders():
    e = create_engine("postgresql://")  # want RT403 "create_engine\(\) \(sqlalchemy.create_engine\) builds a new connection pool on every request in route handler orders\(\)"
    with engine.connect() as conn:
        return conn.execute(text("SELECT 1")).all()


@app.get("/pool")
def per_request_pool():
    with ConnectionPool("dbname=app") as p:  # want RT403
        pass
