from promptflow.core import tool


def _upper(text: str) -> str:
    return text.upper()


@tool
def shout(text: str, times: int = 1) -> str:
    print("shouting", times, "times")  # must not end up in the output
    return " ".join([_upper(text.strip())] * times)
