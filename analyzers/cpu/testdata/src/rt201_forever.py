# A forever loop is CPU work unless it awaits, yields or does I/O: hashing,
# int/bytes conversions and string methods are computation.
import hashlib
import socket

from .store import save


async def mine(prefix: bytes):
    n = 0
    while True:  # want RT201 "loops forever"
        h = hashlib.sha256(prefix + n.to_bytes(8, "big")).digest()
        if int.from_bytes(h[:4], "big") < 1000 and "x".encode().startswith(b"x"):
            return n
        n += 1


async def read_frames(sock: socket.socket):
    total = 0
    while True:  # I/O: a socket read (blocking, RT102's business, not CPU)
        chunk = sock.recv(4096)
        total += len(chunk)
        if not chunk:
            return total


def checkpoint(i):
    with open("/tmp/ckpt", "w") as f:
        f.write(str(i))


async def with_helper():
    i = 0
    while True:  # I/O through a same-file helper
        i += 1
        checkpoint(i)


async def with_project_call():
    i = 0
    while True:  # a project function from another file: not known here
        i += 1
        save(i)
