def load_settings():
    # Reached from a route handler and from main(): request code wins.
    with open("settings.json") as f:  # want RT103 "reached from async def index" @request
        return f.read()


def read_config():
    # Reached only from the lifespan: startup code.
    with open("config.toml") as f:  # want RT103 "reached from async def lifespan" @startup
        return f.read()
