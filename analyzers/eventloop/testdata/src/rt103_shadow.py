def open(path):
    """A module-level definition shadows the builtin for the whole module."""
    return path


async def uses_local_open():
    open("x")  # the module's own open(), not the builtin
