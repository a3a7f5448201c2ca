# A method is an attribute, not a binding of the module scope: a class's
# open() does not hide the builtin open() from the module's functions.
class Store:
    def open(self, name):
        return name

    async def load(self):
        self.open("x")  # the method: fine
        with open("data.bin", "rb") as f:  # want RT103 "open\(\)"
            return f.read()


async def read_config():
    with open("config.toml") as f:  # want RT103
        return f.read()
