# A program whose async function blocks in every way the safe fixes cure.
# exec_test.go runs it before and after --fix: the output must not change.
import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path


async def work(root):
    time.sleep(0.01)
    names = sorted(p.name for p in Path(root).iterdir())
    data = open(os.path.join(root, "a.txt")).read()
    text = Path(root, "a.txt").read_text()
    out = subprocess.check_output(["echo", "hi"]).decode().strip()
    listing = sorted(os.listdir(root))
    walked = len([d for d, _, _ in os.walk(root)])
    return names, data, text, out, listing, walked


print(asyncio.run(work(sys.argv[1])))
