import asyncio
from functools import partial

from homeassistant.core import callback

import pkg.sub.helpers as helpers
from pkg.store import Store as S, SwitchPlate, Ledger
from . import utils
from .utils import parse, only_sync, offloaded, settings, run_later, asset_manifest
from .sub import helpers as hh


def retrieve_session_token():
    with open("token") as f:  # want RT103 "reached from async def async_setup_entry\(\) \(line \d+\) through retrieve_session_token\(\)"
        return f.read()


def parse_config():
    return parse("config.yaml")


class Hub:
    store: S

    def __init__(self):
        self.store = S("db")
        self.plate = SwitchPlate("plate")

    def storage_put(self, k):
        self.store.put(k)


async def async_setup_entry(hass):
    token = retrieve_session_token()
    cfg = parse_config()
    hub = Hub()
    hub.storage_put("x")

    def read():
        with open("x") as f:  # want RT103 "through read\(\)"
            return f.read()

    data = read()
    # By reference, run in a thread: not calls on the loop.
    await asyncio.to_thread(offloaded, ["ls"])
    await hass.async_add_executor_job(partial(only_sync, "p"))
    settings()
    asset_manifest()
    run_later("p", hass.pool)


async def fetch(store: S, anything):
    store.get("k")
    plate = SwitchPlate("p")
    plate.save()
    utils.read_all(["a", "b"])
    # Unknown receivers are never guessed: anything.put() is not Ledger.put().
    anything.put("k")
    handlers = {"a": only_sync}
    handlers["a"]("p")
    getattr(utils, "only_sync")("p")


def sync_main():
    only_sync("p")
    Ledger().put("k")


@callback
def on_event(event):
    helpers.start_services()


class Worker:
    def __init__(self, loop):
        loop.call_soon(hh.tick)


# Startup code: module top level is not on the loop.
helpers.startup_only()
