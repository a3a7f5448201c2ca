import os


async def run():
    os.spawnlp(os.P_WAIT, "ls", "ls")  # want RT104
    os.spawnv(os.P_WAIT, "/bin/ls", ["ls"])  # want RT104
    os.spawn_not_a_thing()
