"""One row by key, read with a written-out query, for the lookups that every request makes.

Building a query with the ORM costs more than running it, and a `raw()` queryset inspects the
cursor's columns again on every call. Here the column list and the value converters of a model
are worked out once per process; the row becomes a model instance through `Model.from_db`, as
the ORM's own querysets do, so the instance behaves like any other (deferred fields included).
"""

from functools import cache

from django.db import connections
from django.db.models import Model


@cache
def _plan(model: type[Model], fields: frozenset[str], alias: str):
    connection = connections[alias]
    table = model._meta.db_table
    # In the model's field order: Model.from_db pairs values with fields in that order.
    chosen = [f for f in model._meta.concrete_fields if f.name in fields or f.attname in fields]
    columns = [f.get_col(table) for f in chosen]
    converters = [
        (connection.ops.get_db_converters(col) + col.get_db_converters(connection), col)
        for col in columns
    ]
    quote = connection.ops.quote_name
    select = f"SELECT {', '.join(quote(f.column) for f in chosen)} FROM {quote(table)}"  # noqa: S608 (names from the model)
    return select, [f.attname for f in chosen], converters


def read_one(model: type[Model], fields, where: str, params, *, using: str = "default"):
    """The instance whose row matches `where` (SQL with %s placeholders), or None.

    `fields` names the model fields to load (None: all); the others are deferred."""
    names = frozenset(fields or (f.name for f in model._meta.concrete_fields))
    select, attnames, converters = _plan(model, names, using)
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(f"{select} WHERE {where}", params)
        row = cursor.fetchone()
    if row is None:
        return None
    values = []
    for value, (functions, expression) in zip(row, converters, strict=True):
        for convert in functions:
            value = convert(value, expression, connection)
        values.append(value)
    return model.from_db(using, attnames, values)
