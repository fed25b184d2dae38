from promptflow.core import tool


@tool
def final(answer: str = None, refusal: str = None) -> str:
    return answer if answer is not None else "REFUSED: " + refusal
