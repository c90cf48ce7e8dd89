"""The credentials API (added to crossborder/api.py ROUTERS)."""

from ninja import Router

router = Router(tags=["credentials"])
