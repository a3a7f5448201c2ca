# Python 3.6 has neither asyncio.to_thread nor get_running_loop.
import subprocess


async def run(cmd):
    return subprocess.check_output(cmd)  # want RT104 "await loop.run_in_executor"
