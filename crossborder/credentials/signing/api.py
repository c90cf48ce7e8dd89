"""The credentials API of the signed forms (added to crossborder/api.py ROUTERS)."""

from ninja import Router

router = Router(tags=["credentials"])
