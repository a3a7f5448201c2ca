import httpx
import psycopg2
import requests

_session = None


# A client built per call: a handler that calls this opens a new pool per request.
def make_client():
    return httpx.Client(timeout=5)  # want RT401 "reached from route handler list_orders\(\) \([^)]*views.py:\d+\) through make_client\(\)"


def connect():
    conn = psycopg2.connect("dbname=shop")  # want RT402 "per call: reached from route handler get_order\(\) \([^)]*views.py:\d+\) through connect\(\) \(and 1 other entry\)"
    return conn


# A lazily built shared session: created once, not per call.
def shared_session():
    global _session
    if _session is None:
        _session = requests.Session()
    return _session


# Called only at startup.
def startup_client():
    return httpx.Client()
