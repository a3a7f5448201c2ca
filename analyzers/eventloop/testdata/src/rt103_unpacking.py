# Tuple unpacking binds each name to its own value.
from pathlib import Path

import requests


async def load():
    (p1, p2) = (Path("a"), Path("b"))
    first = p1.read_text()  # want RT103
    session, name = requests.Session(), "x"
    session.get(name)  # want RT102
    open, *rest = make_opener()
    open("not the builtin")
    return first, p2


def make_opener():
    return print, []
