# aiohttp's app factory, run by web.run_app, builds the app once.
import time

from aiohttp import web


async def make_app():
    time.sleep(1)  # want RT101 @startup
    return web.Application()


if __name__ == "__main__":
    web.run_app(make_app())
