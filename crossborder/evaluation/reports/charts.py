"""Charts of the indicator set: one Vega-Lite spec per chart, written with altair and drawn on
the server by vl-convert — as SVG for the page and the PDF, as PNG for the workbook. No chart
JavaScript runs in the browser.

The spec is built from the table *as the viewer may see it*: after suppression, groups shown
as "< 5" are not drawn (the chart says how many were left out). Drawings are cached by the
spec's hash, so the same figures are drawn once, in the "charts" cache that every process
shares; the task worker draws the dashboard's default views ahead of their first visitor
(tasks.draw_indicator_charts).
"""

import base64
import dataclasses
import hashlib
import json
import textwrap

from django.core.cache import caches
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from .tables import ChartSpec, Kind, Table

BLUE = "#1d4e89"  # 8.6:1 on white
RUST = "#a4410e"  # 6.3:1 on white
TEXT = "#1f2933"
FONT = "DejaVu Sans"
CACHE_SECONDS = 7 * 24 * 3600
LOOK = 2  # raise when the look of the charts changes: cached drawings of the old look are left
WIDTH = 420
LINE = 38  # characters per line of a group's label


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def chart_data(chart: ChartSpec, table: Table) -> tuple[list[dict], int]:
    """The points a chart draws, and how many groups it leaves out (suppressed or empty)."""
    label = table.label_key
    series = chart.series or [chart.value]
    points, left_out = [], 0
    for row in table.rows:
        values = [row.get(key) for key in series]
        if not all(_number(v) for v in values):
            left_out += 1
            continue
        for key, value in zip(series, values, strict=True):
            points.append(
                {
                    "label": "\n".join(textwrap.wrap(str(row[label]), LINE)) or "—",
                    "series": str(table.column(key).label),
                    "value": value,
                }
            )
    return points, left_out


def drawable(chart: ChartSpec, table: Table) -> bool:
    """A chart with nothing to draw (every group suppressed, or only zeros) is left out; its
    table still says why."""
    return any(point["value"] > 0 for point in chart_data(chart, table)[0])


def vega_lite(chart: ChartSpec, table: Table) -> dict:
    """The Vega-Lite specification (a dict) of one chart."""
    import altair as alt  # ~0.5 s import: only when a chart is drawn

    points, left_out = chart_data(chart, table)
    column = table.column(chart.value)
    scale = {}
    if column.kind == Kind.PERCENT:
        scale = {"domain": [0, 100]}
    elif column.kind == Kind.INDEX:
        scale = {"domain": [0, 1]}
    groups = len({p["label"] for p in points})
    extra_lines = max((p["label"].count("\n") for p in points), default=0)
    series = chart.series or [chart.value]
    subtitle = []
    if left_out:
        subtitle.append(
            ngettext(
                "%(n)d group with fewer than 5 people or no data is not drawn.",
                "%(n)d groups with fewer than 5 people or no data are not drawn.",
                left_out,
            )
            % {"n": left_out}
        )
    x_title = _("Value") if len(series) > 1 else str(column.label)
    y = alt.Y(
        "label:N",
        title=None,
        sort=None if len(series) > 1 else "-x",
        # long seminar titles wrap onto lines of LINE characters rather than being cut
        axis=alt.Axis(labelLimit=280, labelColor=TEXT, labelExpr="split(datum.label, '\\n')"),
    )
    x = alt.X(
        "value:Q",
        title=x_title,
        scale=alt.Scale(**scale) if scale else alt.Undefined,
        axis=alt.Axis(labelColor=TEXT, titleColor=TEXT, gridColor="#d9dee3"),
    )
    base = alt.Chart(alt.Data(values=points))
    if len(series) > 1:
        bars = base.mark_bar().encode(
            x=x,
            y=y,
            yOffset=alt.YOffset("series:N", sort=[str(table.column(k).label) for k in series]),
            color=alt.Color(
                "series:N",
                title=None,
                sort=[str(table.column(k).label) for k in series],
                scale=alt.Scale(range=[BLUE, RUST]),
                legend=alt.Legend(orient="bottom", labelColor=TEXT),
            ),
        )
        height = max(groups, 1) * (34 + 12 * extra_lines)
    else:
        bars = base.mark_bar(color=BLUE).encode(x=x, y=y)
        height = max(groups, 1) * (20 + 12 * extra_lines)
    labels = bars.mark_text(align="left", dx=3, color=TEXT, fontSize=10).encode(
        text=alt.Text("value:Q", format=".2~f")
    )
    layered = alt.layer(bars, labels).properties(
        width=WIDTH,
        height=height,
        title=alt.TitleParams(
            text=chart.title, subtitle=subtitle or alt.Undefined, anchor="start", color=TEXT
        ),
    )
    spec = layered.to_dict(validate=False)
    spec["config"] = {
        "font": FONT,
        "background": "white",
        "view": {"stroke": None},
        "title": {"fontSize": 13, "subtitleColor": TEXT},
    }
    return spec


def _key(kind: str, spec: dict) -> str:
    digest = hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()
    return f"chart:{kind}:{digest}"


def svg(spec: dict) -> str:
    """The chart as SVG (cached by its spec)."""
    key = _key("svg", spec)
    cache = caches["charts"]
    drawing = cache.get(key)
    if drawing is None:
        import vl_convert

        drawing = vl_convert.vegalite_to_svg(spec)
        cache.set(key, drawing, CACHE_SECONDS)
    return drawing


def png(spec: dict, *, scale: float = 2) -> bytes:
    """The chart as PNG, for the workbook (cached by its spec)."""
    key = _key(f"png{scale}", spec)
    cache = caches["charts"]
    drawing = cache.get(key)
    if drawing is None:
        import vl_convert

        drawing = vl_convert.vegalite_to_png(spec, scale=scale)
        cache.set(key, drawing, CACHE_SECONDS)
    return drawing


def svg_data_uri(spec: dict) -> str:
    """The SVG as a data: address for an <img>: the page's CSP allows images from data: but
    no inline styles, and vl-convert's SVG carries style attributes; as an image they are the
    image's own business, and no request per chart is needed."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg(spec).encode()).decode()


def _figures_key(chart: ChartSpec, table: Table) -> str:
    """What a drawing depends on (the chart, the columns, the rows, the language), hashed: a
    page whose figures did not change is served its charts without building a spec."""
    content = {
        "chart": dataclasses.asdict(chart),
        "columns": [(c.key, str(c.label), c.kind) for c in table.columns],
        "rows": table.rows,
        "language": get_language(),
        "look": LOOK,
    }
    digest = hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode())
    return f"chart:uri:{digest.hexdigest()}"


def chart_uri(chart: ChartSpec, table: Table) -> str:
    """The chart as an SVG data: address (cached by its figures)."""
    key = _figures_key(chart, table)
    cache = caches["charts"]
    uri = cache.get(key)
    if uri is None:
        uri = svg_data_uri(vega_lite(chart, table))
        cache.set(key, uri, CACHE_SECONDS)
    return uri


def drawn_charts(section) -> list[dict]:
    """The charts of a section that have something to draw: [{chart, table, uri}]."""
    return [
        {"chart": chart, "table": table, "uri": chart_uri(chart, table)}
        for chart in section.charts
        if drawable(chart, table := section.table(chart.table))
    ]


def section_blocks(section) -> list[dict]:
    """A section as the page and the PDF lay it out: each table with its rows as text and the
    charts drawn from it (SVG), so every chart has its data table beside it."""
    from .tables import display_rows

    drawn = drawn_charts(section)
    return [
        {
            "table": table,
            "rows": display_rows(table),
            "charts": [d for d in drawn if d["table"] is table],
        }
        for table in section.tables
    ]
