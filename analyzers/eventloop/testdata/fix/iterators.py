# Calls that return lazy iterators are listed in the thread, not just made
# there; Popen has no fix (its wait is in .wait()/.communicate()).
import glob
import os
import subprocess
from pathlib import Path


async def listing(root):
    names = [p.name for p in Path(root).iterdir()]  # want RT103 "Path\(root\).iterdir\(\) blocks"
    for dirpath, _, files in os.walk(root):  # want RT103
        names.extend(files)
    matches = glob.iglob(root + "/*.py")  # want RT103
    return names, list(matches)


async def spawn(cmd):
    proc = subprocess.Popen(cmd)  # want RT104 "asyncio.create_subprocess_exec"
    return proc.wait()  # want RT104 "subprocess.Popen\(\).wait"
