from promptflow.core import tool


@tool
def examples() -> list:
    return [
        {"ticket": "I was charged twice", "category": "billing"},
        {"ticket": "The app crashes on start", "category": "bug"},
    ]
