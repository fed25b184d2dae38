from promptflow.core import tool


@tool
def clean_text(ticket: str) -> str:
    return " ".join(ticket.split())
