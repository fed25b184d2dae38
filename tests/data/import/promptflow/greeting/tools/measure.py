from promptflow import tool


@tool
def measure(text: str) -> dict:
    return {"length": len(text), "words": len(text.split())}
