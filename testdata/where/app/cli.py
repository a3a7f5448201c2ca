# A click command runs once, as does the coroutine it hands to asyncio.run.
import asyncio
import time

import click
import requests


async def crawl(urls):
    time.sleep(1)  # want RT101 @startup


@click.command()
@click.argument("urls", nargs=-1)
def fetch(urls):
    for url in urls:
        requests.get(url)  # want RT401 @startup
    asyncio.run(crawl(urls))
