"""Permission decisions of the workshops: group allocation and the exercises.

Each decision is listed in __all__, so `crossborder.access` answers it like the others."""

__all__: list[str] = []
