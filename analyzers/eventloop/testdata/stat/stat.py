import os
from pathlib import Path


async def exists(path):
    os.path.exists(path)  # want RT103
    os.stat(path)  # want RT103
    Path(path).exists()  # want RT103
