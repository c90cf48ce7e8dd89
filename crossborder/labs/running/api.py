"""The lab API: running (added to crossborder/api.py ROUTERS)."""

from ninja import Router

router = Router(tags=["labs"])
