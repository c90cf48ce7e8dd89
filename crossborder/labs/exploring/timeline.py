"""The timeline: money per week and channel for a filtered set of transactions, drawn on the
server as a stacked bar chart (SVG with a title per bar) beside the same numbers as a table."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import TruncWeek

from ..models import Transaction

WIDTH, HEIGHT, AXIS = 720, 240, 20  # the chart's viewBox; the bars stand on the axis


@dataclass
class Week:
    start: date
    total: Decimal = Decimal(0)
    n: int = 0
    channels: dict = field(default_factory=dict)  # channel: total
    bars: list = field(default_factory=list)  # (channel, label, total, x, y, width, height)

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)


def weekly_totals(transactions) -> list[Week]:
    """One Week per calendar week (Monday first) from the first to the last transaction,
    oldest first (one query)."""
    weeks: dict[date, Week] = {}
    rows = (
        transactions.order_by()
        .annotate(week=TruncWeek("at"))
        .values("week", "channel")
        .annotate(total=Sum("amount"), n=Count("pk"))
        .order_by("week", "channel")
    )
    for row in rows:
        start = row["week"].date() if hasattr(row["week"], "date") else row["week"]
        week = weeks.setdefault(start, Week(start=start))
        week.total += row["total"]
        week.n += row["n"]
        week.channels[row["channel"]] = row["total"]
    if not weeks:
        return []
    # weeks without a payment are drawn too, so that the chart's axis is the calendar
    first, last = min(weeks), max(weeks)
    return [
        weeks.get(first + timedelta(days=7 * i)) or Week(start=first + timedelta(days=7 * i))
        for i in range((last - first).days // 7 + 1)
    ]


def draw(weeks: list[Week]) -> dict:
    """Place the stacked bars of `weeks` in the chart's viewBox (fills `Week.bars`)."""
    labels = dict(Transaction.Channel.choices)
    order = list(labels)
    highest = max((w.total for w in weeks), default=Decimal(0)) or Decimal(1)
    slot = WIDTH / max(len(weeks), 1)
    bar_width = min(60.0, max(2.0, slot * 0.8))
    for i, week in enumerate(weeks):
        x = round(i * slot + (slot - bar_width) / 2, 1)
        y = float(HEIGHT - AXIS)
        for channel in sorted(week.channels, key=order.index):
            total = week.channels[channel]
            height = float(total / highest) * (HEIGHT - AXIS - 10)
            y -= height
            week.bars.append(
                (
                    channel,
                    labels[channel],
                    total,
                    x,
                    round(y, 1),
                    round(bar_width, 1),
                    round(height, 1),
                )
            )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "axis": HEIGHT - AXIS,
        "highest": highest,
        "channels": [(c, labels[c]) for c in order if any(c in w.channels for w in weeks)],
    }
