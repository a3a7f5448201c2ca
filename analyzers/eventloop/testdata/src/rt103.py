import builtins
import io
import os
import shutil
from pathlib import Path

import aiofiles


async def read_config(path):
    with open(path) as f:  # want RT103 "open\(\) blocks the event loop in async def read_config\(\); use aiofiles"
        data = f.read()
    builtins.open(path)  # want RT103
    io.open(path)  # want RT103
    Path(path).read_text()  # want RT103 "Path\(\).read_text\(\)"
    p = Path("data")
    p.write_bytes(b"")  # want RT103
    os.listdir(".")  # want RT103
    shutil.rmtree("tmp")  # want RT103
    os.path.exists(path)  # stat-like calls need include-stat-calls
    async with aiofiles.open(path) as f:
        await f.read()
    return data
