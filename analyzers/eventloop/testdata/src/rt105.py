import hashlib

import bcrypt


async def login(password: bytes, hashed: bytes):
    if bcrypt.checkpw(password, hashed):  # want RT105 "bcrypt.checkpw\(\) blocks the event loop"
        return hashlib.pbkdf2_hmac("sha256", password, b"salt", 100_000)  # want RT105
    hashlib.sha256(password)  # fast hashes are fine
    await asyncio.to_thread(bcrypt.checkpw, password, hashed)


def register(password: bytes):
    return bcrypt.hashpw(password, bcrypt.gensalt())
