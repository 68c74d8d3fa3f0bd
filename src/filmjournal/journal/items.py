"""What every kind of item shares: finding it alive, changing it, moving it to the trash.

Films, reviews, quotes and comments are changed through :func:`update_item` and deleted through
:func:`trash_item`: one transaction, the row re-read (refused if it or what it belongs to is in
the trash), the new values set, saved, and the search index brought in line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from filmjournal.journal import search
from filmjournal.journal.errors import NotFoundError
from filmjournal.journal.models import FilmModel, ItemModel, db, utc_now
from filmjournal.journal.signing import check_may_change

Row = TypeVar("Row", bound=ItemModel)


def live_row_of_film(model: type[Row], kind: str, item_id: int) -> Row:
    """A review or quote row, unless it or its film is missing or in the trash."""
    fields = model._meta.fields
    row = (
        model.select(model)
        .join(FilmModel)
        .where(
            (fields["id"] == item_id)
            & fields["deleted_at"].is_null()
            & FilmModel.deleted_at.is_null()
        )
        .first()
    )
    if row is None:
        raise NotFoundError(kind, item_id)
    return row


def update_item(
    kind: str,
    live_row: Callable[[int], Row],
    item_id: int,
    values: dict[str, Any],
    *,
    check: Callable[[Row, dict[str, Any]], None] | None = None,
    after: Callable[[Row], None] | None = None,
) -> Row:
    """Set checked values on a live item, in one transaction, and reindex it.

    ``check`` may refuse the change (or add derived values) once the row is read; ``after`` runs
    once it is saved (to write what lives in other tables, such as a review's tags).
    """
    with db.atomic():
        row = live_row(item_id)
        check_may_change(kind, row.id, getattr(row, "author", ""))
        if check is not None:
            check(row, values)
        if "updated_at" in row._meta.fields:
            values = {**values, "updated_at": utc_now()}
        for name, value in values.items():
            setattr(row, name, value)
        row.save()
        if after is not None:
            after(row)
        search.reindex(kind, [row.id])
    return row


def trash_item(kind: str, live_row: Callable[[int], ItemModel], item_id: int) -> None:
    """Move a live item to the trash; what hangs below it leaves the search index too."""
    with db.atomic():
        row = live_row(item_id)
        check_may_change(kind, row.id, getattr(row, "author", ""))
        row.deleted_at = utc_now()
        row.save()
        search.reindex_tree(kind, row.id)
