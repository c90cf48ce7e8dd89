"""The lab's dataset as rows (three queries, whatever its size) and in the formats
practitioners meet at work: a ZIP of CSV files for spreadsheets and i2-like tools, GraphML for
Gephi and other graph tools. The ground truth is included only when asked (for those who may
see it)."""

import csv
import io
import zipfile

import networkx as nx

from ..models import Entity, Lab, Link, Transaction

FORMULA_START = ("+", "=", "-", "@", "\t", "\r")


def safe_cell(value):
    """A spreadsheet must not read a cell as a formula: text starting with + = - @ (or a tab
    or carriage return) gets a leading apostrophe. Numbers are left alone."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def flat_details(details: dict) -> dict[str, str]:
    """Kind-specific details as text columns or attributes (lists joined with "; ")."""
    flat = {}
    for name, value in sorted((details or {}).items()):
        if value is None:
            continue
        if isinstance(value, list | tuple):
            value = "; ".join(str(v) for v in value)
        elif isinstance(value, dict):
            value = "; ".join(f"{k}={v}" for k, v in value.items())
        flat[name] = str(value)
    return flat


def dataset(lab: Lab, *, truth: bool) -> dict[str, list[dict]]:
    """Entities, links and transactions of the lab as plain dicts (three queries)."""
    entity_fields = ["key", "kind", "name", "country", "details"]
    transaction_fields = ["key", "at", "amount", "currency", "channel", "reference"]
    if truth:
        entity_fields += ["truth_role", "truth_flags"]
        transaction_fields += ["truth_flags", "truth_network"]
    entities = list(Entity.objects.filter(lab=lab).order_by("key").values(*entity_fields))
    links = [
        {"source": s, "target": t, "kind": k}
        for s, t, k in Link.objects.filter(lab=lab)
        .order_by("source__key", "target__key", "kind")
        .values_list("source__key", "target__key", "kind")
    ]
    transactions = [
        {**row, "source": row.pop("source__key"), "target": row.pop("target__key")}
        for row in Transaction.objects.filter(lab=lab)
        .order_by("at", "key")
        .values(*transaction_fields, "source__key", "target__key")
    ]
    return {"entities": entities, "links": links, "transactions": transactions}


def _csv(header: list[str], rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return out.getvalue().encode("utf-8-sig")  # with a BOM, so that Excel reads UTF-8


def csv_zip(lab: Lab, *, truth: bool) -> bytes:
    data = dataset(lab, truth=truth)
    detail_names = sorted({name for e in data["entities"] for name in e["details"] or {}})
    entity_header = ["key", "kind", "name", "country", *detail_names]
    tx_header = ["key", "date", "source", "target", "amount", "currency", "channel", "reference"]
    if truth:
        entity_header += ["truth_role", "truth_flags"]
        tx_header += ["truth_flags", "truth_network"]

    def entity_rows():
        for e in data["entities"]:
            details = flat_details(e["details"])
            row = [e["key"], e["kind"], e["name"], e["country"]]
            row += [details.get(name, "") for name in detail_names]
            if truth:
                row += [e["truth_role"], ";".join(e["truth_flags"])]
            yield row

    def transaction_rows():
        for t in data["transactions"]:
            row = [t["key"], t["at"].isoformat(), t["source"], t["target"], t["amount"]]
            row += [t["currency"], t["channel"], t["reference"]]
            if truth:
                row += [";".join(t["truth_flags"]), "yes" if t["truth_network"] else "no"]
            yield row

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("entities.csv", _csv(entity_header, entity_rows()))
        links = ([lk["source"], lk["target"], lk["kind"]] for lk in data["links"])
        archive.writestr("links.csv", _csv(["source", "target", "relation"], links))
        archive.writestr("transactions.csv", _csv(tx_header, transaction_rows()))
    return buffer.getvalue()


def graph(lab: Lab, *, truth: bool) -> nx.MultiDiGraph:
    """Every entity a node, every link and every transaction an edge."""
    data = dataset(lab, truth=truth)
    g = nx.MultiDiGraph(name=lab.title)
    for e in data["entities"]:
        attributes = {"kind": e["kind"], "name": e["name"], "country": e["country"]}
        attributes |= {f"details_{k}": v for k, v in flat_details(e["details"]).items()}
        if truth:
            attributes |= {"truth_role": e["truth_role"], "truth_flags": ";".join(e["truth_flags"])}
        g.add_node(e["key"], **attributes)
    for n, link in enumerate(data["links"], 1):
        g.add_edge(
            link["source"], link["target"], key=f"LNK-{n:05d}", type="link", kind=link["kind"]
        )
    for t in data["transactions"]:
        attributes = {
            "type": "transaction",
            "kind": t["channel"],
            "amount": float(t["amount"]),
            "currency": t["currency"],
            "date": t["at"].isoformat(),
            "reference": t["reference"],
        }
        if truth:
            attributes |= {
                "truth_flags": ";".join(t["truth_flags"]),
                "truth_network": t["truth_network"],
            }
        g.add_edge(t["source"], t["target"], key=t["key"], **attributes)
    return g


def graphml(lab: Lab, *, truth: bool) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(graph(lab, truth=truth), buffer, edge_id_from_attribute=None)
    return buffer.getvalue()
