import json

from pydantic import BaseModel


class User(BaseModel):
    name: str


def encode(user: User) -> str:
    return json.dumps(user.model_dump())  # want RT303 "use user.model_dump_json\(\)"


def encode_v1(user: User) -> str:
    return json.dumps(user.dict())  # want RT303


def decode(raw: str) -> User:
    return User.model_validate(json.loads(raw))  # want RT303 "use User.model_validate_json\(raw\)"


def decode_kwargs(raw: str) -> User:
    return User(**json.loads(raw))  # want RT303


def decode_v1(raw: str) -> User:
    return User.parse_obj(json.loads(raw))  # want RT303


def fine(user: User, raw: str):
    json.dumps({"name": user.name})
    return User.model_validate_json(raw), user.model_dump_json()
