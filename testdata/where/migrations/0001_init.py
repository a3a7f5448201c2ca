import requests


def upgrade(rows):
    for row in rows:
        requests.post("https://example.org/import", json=row)  # want RT401 @script
