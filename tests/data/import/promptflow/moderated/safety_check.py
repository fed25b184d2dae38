from promptflow.core import tool


@tool
def safety_check(text: str) -> bool:
    return "password" not in text.lower()
