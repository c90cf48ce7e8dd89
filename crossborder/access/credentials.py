"""Permission decisions of credentials (crossborder/credentials/). Each decision is listed in
__all__, so `crossborder.access` answers it like the others."""

__all__: list[str] = []
