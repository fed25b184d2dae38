import json

from promptflow.core import tool


@tool
def to_dict(reply: str) -> dict:
    try:
        return json.loads(reply)
    except ValueError as e:
        print("not JSON:", e)
        return {"category": "unknown", "reply": reply}
