"""Reading django-simple-history records as a person reads a change log: who, when, field, before, after."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

HIDDEN_FIELDS = {"version", "updated_at", "created_at", "is_demo", "id", "deleted_at"}
ACTION_LABELS = {"+": _("Created"), "~": _("Changed"), "-": _("Removed")}


@dataclass
class FieldChange:
    label: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    when: object
    who: object
    action: str
    reason: str
    version: int | None
    changes: list[FieldChange] = field(default_factory=list)


def _display(model, fname: str, value, fk_names: dict) -> str:
    if value in (None, ""):
        return "—"
    f = model._meta.get_field(fname)
    if f.is_relation:
        return fk_names.get((f.related_model, value), f"#{value}")
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(f, models.BooleanField):
        return str(_("Yes") if value else _("No"))
    return str(value)


def history_entries(obj: models.Model, limit: int = 200) -> list[HistoryEntry]:
    """The newest `limit` changes of `obj`, each with its field-by-field before/after (constant queries)."""
    model = type(obj)
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    recorded = {f.name for f in obj.history.model._meta.concrete_fields}
    fields = [
        f
        for f in model._meta.concrete_fields
        if f.name not in HIDDEN_FIELDS and not f.name.startswith("history") and f.name in recorded
    ]
    # Resolve every foreign key value that appears, one query per related model.
    wanted: dict[type, set] = {}
    for f in fields:
        if f.is_relation:
            for r in records:
                v = getattr(r, f.attname)
                if v is not None:
                    wanted.setdefault(f.related_model, set()).add(v)
    fk_names = {}
    for rel_model, ids in wanted.items():
        manager = getattr(rel_model, "all_objects", rel_model._default_manager)
        for o in manager.filter(pk__in=ids):
            fk_names[(rel_model, o.pk)] = str(o)
    entries = []
    for i, rec in enumerate(records[:limit]):
        older = records[i + 1] if i + 1 < len(records) else None
        changes = []
        for f in fields:
            after = getattr(rec, f.attname)
            before = getattr(older, f.attname) if older is not None else None
            if older is None and after in (None, ""):
                continue
            if older is not None and before == after:
                continue
            changes.append(
                FieldChange(
                    label=str(capfirst(f.verbose_name)),
                    before=_display(model, f.name, before, fk_names) if older is not None else "",
                    after=_display(model, f.name, after, fk_names),
                )
            )
        action = rec.history_type
        label = ACTION_LABELS.get(action, action)
        if older is not None and older.deleted_at is None and rec.deleted_at is not None:
            label = _("Deleted")
        elif older is not None and older.deleted_at is not None and rec.deleted_at is None:
            label = _("Restored")
        entries.append(
            HistoryEntry(
                when=rec.history_date,
                who=rec.history_user,
                action=str(label),
                # System reasons are stored as English message ids and read in the reader's language.
                reason=gettext(rec.history_change_reason) if rec.history_change_reason else "",
                version=getattr(rec, "version", None),
                changes=changes,
            )
        )
    return entries
