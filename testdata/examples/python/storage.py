"""Helpers the service calls: sync code that blocks when async code calls it."""
import json


def load_profile(user_id: int) -> dict:
    with open(f"profiles/{user_id}.json") as f:  # RT103, reached from app.py's async def
        return json.load(f)
