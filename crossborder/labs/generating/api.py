"""The lab API: generating (added to crossborder/api.py ROUTERS)."""

from ninja import Router

router = Router(tags=["labs"])
