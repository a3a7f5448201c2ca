import json
import subprocess


# Reached through parse_config() in app.py and through the package re-export.
def parse(path):
    with open(path) as f:  # want RT103 "reached from async def async_setup_entry\(\) \([^)]*app.py:\d+\) through parse_config\(\) → parse\(\)"
        return json.load(f)


# Only ever called from sync code: not flagged.
def only_sync(path):
    with open(path) as f:
        return f.read()


# Called through asyncio.to_thread (by reference): not flagged.
def offloaded(cmd):
    return subprocess.run(cmd, check=True)


# Cached: the file is read once, not per call.
from functools import lru_cache


@lru_cache(maxsize=None)
def settings():
    with open("settings.json") as f:
        return json.load(f)


# Runs its work through a pool the configuration lists in offload-calls
# (TestReachOptions); without it, the lambda runs here.
def run_later(path, pool):
    return pool.run(lambda: open(path))  # want RT103 "through run_later\(\)"


# Called as utils.read_all() after `from . import utils`.
def read_all(paths):
    return [open(p).read() for p in paths]  # want RT103 "reached from async def fetch\(\) \([^)]*app.py:\d+\) through read_all\(\)"


# flask-caching's memoize caches too: read once per timeout, not per call.
from flask_caching import Cache

cache = Cache()


@cache.memoize(timeout=300)
def asset_manifest():
    with open("manifest.json") as f:
        return json.load(f)
