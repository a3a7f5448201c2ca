# Archives read, write and decompress files synchronously.
import tarfile
import zipfile


async def unpack(path):
    with zipfile.ZipFile(path) as z:  # want RT103
        z.extractall("out")  # want RT103
    tar = tarfile.open(path)  # want RT103
    tar.extractall("out")  # want RT103


def in_a_thread(path):
    zipfile.ZipFile(path).extractall("out")
