from promptflow.connections import CustomConnection
from promptflow.core import tool


@tool
def lookup(query: str, connection: CustomConnection) -> str:
    return connection.secrets["endpoint"] + query
