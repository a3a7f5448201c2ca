import time
import requests


class BaseStore:
    def flush(self):
        time.sleep(0.1)  # want RT101 "reached from async def fetch\(\) \([^)]*app.py:\d+\) through SwitchPlate.save\(\) → BaseStore.flush\(\) \(and 1 other entry\)"

    def __init__(self, path):
        self.fh = open(path)  # want RT103 "through Hub.__init__\(\) → BaseStore.__init__\(\)"


class Store(BaseStore):
    def put(self, key):
        self.flush()

    def get(self, key):
        return requests.get("http://store/" + key)  # want RT102 "reached from async def fetch\(\)"


class SwitchPlate(BaseStore):
    def __init__(self, path):
        super().__init__(path)

    def save(self):
        super().flush()


# An unrelated class whose method shares a name with Store.put.
class Ledger:
    def put(self, key):
        time.sleep(1)
