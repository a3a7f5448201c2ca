# Where code runs sets the severity: request code keeps the rule's,
# startup code is info.
import asyncio
import time
from contextlib import asynccontextmanager

import requests
from fastapi import FastAPI

from .helpers import load_settings, read_config


@asynccontextmanager
async def lifespan(app):
    time.sleep(1)  # want RT101 @startup
    read_config()
    yield


app = FastAPI(lifespan=lifespan)


@app.on_event("startup")
async def warm():
    requests.get("https://example.org")  # want RT102 @startup


@app.get("/")
async def index():
    time.sleep(1)  # want RT101 @request
    return load_settings()


async def main():
    load_settings()
    time.sleep(2)  # want RT101 @startup


if __name__ == "__main__":
    asyncio.run(main())
