import os
import subprocess
from subprocess import check_output as co


async def thumbnail(path):
    subprocess.run(["convert", path, "t.png"], check=True)  # want RT104 "subprocess.run\(\) blocks the event loop in async def thumbnail\(\); use await asyncio.create_subprocess_exec\(\)"
    co(["ls"])  # want RT104
    os.system("sync")  # want RT104
    proc = subprocess.Popen(["sleep", "1"])  # want RT104
    os.waitpid(proc.pid, 0)  # want RT104


async def right_way():
    proc = await asyncio.create_subprocess_exec("ls")
    await proc.wait()


def build():
    subprocess.run(["make"])
