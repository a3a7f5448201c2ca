import os
import subprocess


def start_services():
    subprocess.run(["systemctl", "start", "x"])  # want RT104 "reached from @callback function on_event\(\)"


def tick():
    os.listdir(".")  # want RT103 "reached from loop.call_soon\(\) callback"


def startup_only():
    subprocess.run(["migrate"])
