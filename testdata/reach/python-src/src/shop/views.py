from flask import Blueprint

from shop.clients import connect, make_client, shared_session, startup_client

bp = Blueprint("orders", __name__)
client = startup_client()


@bp.route("/orders")
def list_orders():
    c = make_client()
    s = shared_session()
    return c.get("/orders").json()


@bp.route("/orders/<id>")
def get_order(id):
    db = connect()
    return db.cursor().execute("select 1")


def report():
    # A batch job: a loop calling the helper opens a connection per iteration.
    for _ in range(10):
        connect()
