"""Reading an edited plan workbook without writing anything: every row becomes a create, an update (with
each field's before → after) or "unchanged", and every problem is tied to its sheet, row and column.

`read_workbook` is the dry run the preview shows; `plans.services.transfer.plan_import_apply` runs it again
inside its transaction and writes the rows through the plan services. Headers are matched by name, so
columns may be reordered; the file is read in openpyxl's read-only (streaming) mode and refused past
`settings.MIGNET_IMPORT_MAX_ROWS` data rows before its rows are read."""

from __future__ import annotations

import copy
import datetime
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext as _

from .. import choices as c
from ..models import PERIOD_RE, Activity, Indicator, Measurement, Result, Target, period_bounds
from ..services.plans import MAX_SDG_TARGETS
from . import template as t
from .reference import Reference, key, org_label

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"
CENT = Decimal("0.01")
PROGRESS_EVERY = 200


class NotXlsx(Exception):
    """The file is not a workbook openpyxl can read."""


class CellError(Exception):
    """A cell's value cannot be used; the message says why."""


@dataclass
class Problem:
    """An error (blocks the import) or a warning, by sheet, row and column where known."""

    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""
    warning: bool = False

    def __str__(self) -> str:
        where = []
        if self.sheet:
            where.append(self.sheet)
        if self.row:
            where.append(_("row %(n)s") % {"n": self.row})
        if self.column:
            where.append(_("column %(name)s") % {"name": self.column})
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass
class Node:
    """A result, activity or indicator a row may refer to by code: in the database, or new in this file."""

    kind: str
    code: str
    instance: object  # saved, or an unsaved stand-in until the apply creates it
    level: str = ""
    disaggregation: tuple = ()

    @property
    def is_new(self) -> bool:
        return self.instance.pk is None


@dataclass
class Row:
    """One data row and what importing it does."""

    sheet: t.Sheet
    number: int
    action: str = UNCHANGED
    instance: object = None
    node: Node | None = None
    code: str = ""
    data: dict = field(default_factory=dict)
    m2m: dict = field(default_factory=dict)
    refs: dict = field(default_factory=dict)  # field → Node, resolved when the apply gets there
    changes: list = field(default_factory=list)  # (column header, before, after)

    @property
    def sheet_title(self) -> str:
        return str(self.sheet.title)


@dataclass
class Preview:
    """What an import would do: rows with their changes, and problems."""

    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]

    @property
    def changed(self) -> list[Row]:
        return [r for r in self.rows if r.action != UNCHANGED]

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    def summary(self) -> list[dict]:
        """Per sheet: how many rows are created, updated and unchanged."""
        out = []
        for sheet in t.SHEETS:
            rows = [r for r in self.rows if r.sheet.key == sheet.key]
            out.append(
                {
                    "sheet": str(sheet.title),
                    "create": sum(r.action == CREATE for r in rows),
                    "update": sum(r.action == UPDATE for r in rows),
                    "unchanged": sum(r.action == UNCHANGED for r in rows),
                }
            )
        return out

    def digest(self) -> str:
        """A fingerprint of the changes, so the apply writes what the person saw."""
        h = hashlib.sha256()
        for r in self.changed:
            h.update(
                repr(
                    (r.sheet.key, r.number, r.action, r.code, [(str(a), b, d) for a, b, d in r.changes])
                ).encode()
            )
        return h.hexdigest()[:32]

    def error(self, message, sheet=None, row=None, column=None) -> None:
        self.problems.append(_problem(message, sheet, row, column))

    def warn(self, message, sheet=None, row=None, column=None) -> None:
        self.problems.append(_problem(message, sheet, row, column, warning=True))


def _problem(message, sheet, row, column, warning=False) -> Problem:
    return Problem(
        message=str(message),
        sheet=str(sheet.title) if sheet is not None else "",
        row=row,
        column=str(column.header) if isinstance(column, t.Column) else str(column or ""),
        warning=warning,
    )


# --- Cell values


def as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def as_int(value) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise CellError(_("Write a whole number."))
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = as_text(value)
    if re.fullmatch(r"[+-]?\d{1,9}(\.0+)?", text):
        return int(text.split(".")[0])
    raise CellError(_("“%(value)s” is not a whole number.") % {"value": _short(text)})


def as_decimal(value, *, negative_ok=True) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (bool, datetime.date, datetime.time, datetime.timedelta)):
        raise CellError(_("Write a number."))
    text = as_text(value).replace(",", "") if isinstance(value, str) else repr(value)
    try:
        number = Decimal(text)
    except (InvalidOperation, ValueError):
        raise CellError(_("“%(value)s” is not a number.") % {"value": _short(as_text(value))}) from None
    if not number.is_finite() or abs(number) >= Decimal("1e14"):
        raise CellError(_("“%(value)s” is not a usable number.") % {"value": _short(as_text(value))})
    number = number.quantize(CENT)
    if number < 0 and not negative_ok:
        raise CellError(_("A budget cannot be negative."))
    return number


def as_date(value) -> datetime.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = as_text(value)
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise CellError(_("“%(value)s” is not a date; write it as 2026-03-31.") % {"value": _short(text)})


def as_list(value) -> list[str]:
    return [part.strip() for part in re.split(r"[;\n]", as_text(value)) if part.strip()]


def as_code(value) -> str:
    return as_text(value)


def as_choice(value, choices, *, default=None):
    text = as_text(value)
    if not text:
        return default
    for v, label in choices.choices:
        if key(text) in (key(v), key(label)):
            return v
    raise CellError(
        _("“%(value)s” is not one of: %(allowed)s.")
        % {"value": _short(text), "allowed": ", ".join(str(v) for v in choices.values)}
    )


def as_bool(value) -> bool:
    text = key(as_text(value))
    if text in ("", "no", "false", "0", key(_("No"))):
        return False
    if text in ("yes", "true", "1", key(_("Yes"))):
        return True
    raise CellError(_("Write Yes or No."))


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _show(value) -> str:
    """A value as the preview shows it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, (list, tuple, set, frozenset)):
        return "; ".join(sorted(str(v) for v in value)) or "—"
    if hasattr(value, "_meta"):
        return (
            org_label(value)
            if value._meta.model_name == "organisation"
            else str(getattr(value, "code", "") or value)
        )
    return _short(str(value), 120)


# --- Reading


class Reader:
    """One dry run of a workbook against one plan."""

    def __init__(self, plan, reference: Reference | None = None, progress=None) -> None:
        self.plan = plan
        self.progress = progress  # called as progress(rows done, rows in all) every PROGRESS_EVERY rows
        self.rows_done = 0
        self.rows_total = 0
        self.ref = reference or Reference(plan.network)
        self.preview = Preview()
        self.limit = int(getattr(settings, "MIGNET_IMPORT_MAX_ROWS", 20000))
        self.seen_rows = 0
        results = list(Result.objects.filter(plan=plan).select_related("parent"))
        self.results = {r.code: Node("result", r.code, r, r.level) for r in results}
        self.result_ids = {r.pk: r for r in results}
        activities = list(Activity.objects.filter(plan=plan).select_related("output"))
        self.activities = {a.code: Node("activity", a.code, a) for a in activities}
        self.activity_ids = {a.pk: a for a in activities}
        self.activity_m2m = {}
        indicators = list(Indicator.objects.filter(plan=plan).select_related("result", "activity"))
        self.indicator_ids = {i.pk: i for i in indicators}
        self.indicators: dict[str, list[Node]] = {}
        self.indicator_nodes = {}
        for i in indicators:
            node = Node("indicator", i.code, i, disaggregation=tuple(i.disaggregation or ()))
            self.indicator_nodes[i.pk] = node
            if i.code:
                self.indicators.setdefault(key(i.code), []).append(node)
        self.targets = {
            x.pk: x for x in Target.objects.filter(indicator__plan=plan, indicator__deleted_at=None)
        }
        self.measurements = {
            x.pk: x
            for x in Measurement.objects.filter(
                indicator__plan=plan, indicator__deleted_at=None
            ).select_related("district")
        }
        self._positions: dict = {}

    # -- the workbook

    def read(self, source) -> Preview:
        try:
            import openpyxl

            wb = openpyxl.load_workbook(source, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 — whatever openpyxl chokes on, the file is not usable
            raise NotXlsx from exc
        try:
            found = {t.normalise_header(ws.title): ws for ws in wb.worksheets}
            sheets = {}
            for sheet in t.SHEETS:
                ws = next((found[n] for n in t.names(sheet) if n in found), None)
                if ws is None:
                    self.preview.warn(
                        _("There is no “%(sheet)s” sheet; its records are left as they are.")
                        % {"sheet": sheet.title}
                    )
                    continue
                sheets[sheet.key] = (sheet, ws)
            declared = sum(self._row_count(ws, self.limit + 1) for _sheet, ws in sheets.values())
            if declared > self.limit:
                self._too_many(declared)
                return self.preview
            tables = {}
            for sheet_key, (sheet, ws) in sheets.items():
                rows = self._rows(sheet, ws)
                if rows is None:
                    if self.seen_rows > self.limit:
                        return self.preview
                    continue
                tables[sheet_key] = rows
        finally:
            wb.close()
        self.rows_total = sum(len(rows) for rows in tables.values())
        if self.progress:
            self.progress(0, self.rows_total)
        for sheet, parse in (
            (t.RESULTS, self.results_sheet),
            (t.ACTIVITIES, self.activities_sheet),
            (t.INDICATORS, self.indicators_sheet),
            (t.TARGETS, self.targets_sheet),
            (t.MEASUREMENTS, self.measurements_sheet),
        ):
            if sheet.key in tables:
                parse(tables[sheet.key])
        if self.progress:
            self.progress(self.rows_total, self.rows_total)
        return self.preview

    def _tick(self) -> None:
        """One more row read; tell `progress` every PROGRESS_EVERY rows."""
        self.rows_done += 1
        if self.progress and self.rows_done % PROGRESS_EVERY == 0:
            self.progress(self.rows_done, self.rows_total)

    @staticmethod
    def _row_count(ws, cap: int) -> int:
        """Data rows below the header: from the sheet's declared size, else counted (streaming) up to `cap`."""
        if ws.max_row is not None and ws.max_row > 1:
            return ws.max_row - 1
        count = -1
        for _values in ws.iter_rows(values_only=True):
            count += 1
            if count >= cap:
                break
        return max(count, 0)

    def _too_many(self, count: int) -> None:
        if count > self.limit + 1:
            message = _("This file has %(count)s data rows; an import can hold at most %(limit)s.")
        else:  # counted while streaming, and stopped at the first row past the limit
            message = _("This file has more than %(limit)s data rows; an import can hold at most %(limit)s.")
        self.preview.error(
            message % {"count": f"{count:,}", "limit": f"{self.limit:,}"}
            + " "
            + _("Split it into smaller files and import them one after another.")
        )

    def _rows(self, sheet: t.Sheet, ws) -> list[tuple[int, dict]] | None:
        """The sheet's non-empty rows as {column key: value}, or None after an error (headers, size)."""
        rows_iter = ws.iter_rows(values_only=True)
        header = next(rows_iter, None) or ()
        positions: dict[str, int] = {}
        seen: dict[str, int] = {}
        for index, text in enumerate(header):
            name = t.normalise_header(text)
            if name:
                seen.setdefault(name, index)
        missing = []
        for col in sheet.columns:
            index = next((seen[n] for n in t.names(col) if n in seen), None)
            if index is None:
                missing.append(col)
            else:
                positions[col.key] = index
        if missing:
            known = {n for col in sheet.columns for n in t.names(col)}
            unknown = [
                str(text)
                for text in header
                if t.normalise_header(text) and t.normalise_header(text) not in known
            ]
            for col in missing:
                message = _("The column “%(column)s” is missing. Keep the headers as they were exported.") % {
                    "column": col.header
                }
                if unknown:
                    message += " " + _("Columns not in the template: %(names)s.") % {
                        "names": ", ".join(unknown)
                    }
                self.preview.error(message, sheet, 1, col)
            return None
        out = []
        for number, values in enumerate(rows_iter, start=2):
            if not any(v not in (None, "") and not (isinstance(v, str) and not v.strip()) for v in values):
                continue
            self.seen_rows += 1
            if self.seen_rows > self.limit:
                self._too_many(self.seen_rows)
                return None
            out.append((number, {k: (values[i] if i < len(values) else None) for k, i in positions.items()}))
        return out

    # -- helpers shared by the sheets

    def _cell(self, row: Row, col: t.Column, parse, value, **kwargs):
        try:
            return parse(value, **kwargs), True
        except CellError as exc:
            self.preview.error(str(exc), row.sheet, row.number, col)
            return None, False

    def _col(self, sheet: t.Sheet, name: str) -> t.Column:
        return next(col for col in sheet.columns if col.key == name)

    def _existing(self, row: Row, cells: dict, table: dict, label: str, taken: set):
        """The record a row's ID names, None for a new row, or False after an error."""
        col = self._col(row.sheet, "id")
        pk, ok = self._cell(row, col, as_int, cells.get("id"))
        if not ok:
            return False
        if pk is None:
            return None
        if pk in taken:
            self.preview.error(
                _("ID %(id)s appears on more than one row.") % {"id": pk}, row.sheet, row.number, col
            )
            return False
        taken.add(pk)
        obj = table.get(pk)
        if obj is None:
            self.preview.error(
                _("ID %(id)s is not %(kind)s of this plan. Leave ID empty for a new row.")
                % {"id": pk, "kind": label},
                row.sheet,
                row.number,
                col,
            )
            return False
        return obj

    def _validate(self, row: Row, instance, exclude, fields_to_columns=None, run_clean=True) -> bool:
        """The model's own field checks and rules, on an unsaved copy: the same as the forms apply."""
        try:
            instance.clean_fields(exclude=exclude)
            if run_clean:
                instance.clean()
        except ValidationError as exc:
            self._validation_error(row, exc, fields_to_columns)
            return False
        return True

    def _validation_error(self, row: Row, exc: ValidationError, fields_to_columns=None) -> None:
        by_key = {col.key: col for col in row.sheet.columns}
        extra = fields_to_columns or {}
        if hasattr(exc, "error_dict"):
            for name, errors in exc.message_dict.items():
                col = by_key.get(extra.get(name, name))
                for message in errors:
                    self.preview.error(message, row.sheet, row.number, col)
        else:
            for message in exc.messages:
                self.preview.error(message, row.sheet, row.number)

    def _diff(self, row: Row, instance, values: dict, m2m: dict, current_m2m: dict | None = None) -> None:
        """Fill the row's action, data and changes by comparing normalised values with the record."""
        by_key = {col.key: col for col in row.sheet.columns}
        if instance is None:
            row.action = CREATE
            row.data = {k: v for k, v in values.items() if k not in row.refs}
            row.m2m = m2m
            return
        for name, new in values.items():
            old = getattr(instance, name)
            if _same(old, new):
                continue
            row.data[name] = new
            row.changes.append((_header(by_key, name), _show(old), _show(new)))
        for name, objs in m2m.items():
            old = current_m2m.get(name, []) if current_m2m else []
            if {o.pk for o in old} != {o.pk for o in objs}:
                row.m2m[name] = objs
                row.changes.append(
                    (_header(by_key, name), _show([_show(o) for o in old]), _show([_show(o) for o in objs]))
                )
        row.action = UPDATE if (row.data or row.m2m or row.refs) else UNCHANGED

    def _next_code(self, parent_code: str, table_key, start, new_parent: bool = False) -> str:
        """The code the service will give the next new row under `parent_code`. `start` is the highest
        position used so far, or a callable asked once per parent (a query); 0 under a new parent."""
        if table_key not in self._positions:
            self._positions[table_key] = 0 if new_parent else (start() if callable(start) else start)
        n = self._positions[table_key] + 1
        self._positions[table_key] = n
        return f"{parent_code}.{n}" if parent_code else str(n)

    def _check_code(self, row: Row, cells: dict, expected: str | None, current: str | None) -> str | None:
        col = self._col(row.sheet, "code")
        typed = as_code(cells.get("code"))
        if current is not None:
            if typed and typed != current:
                self.preview.error(
                    _("The code of an existing row cannot change (it is %(code)s).") % {"code": current},
                    row.sheet,
                    row.number,
                    col,
                )
                return None
            return current
        if typed and typed != expected:
            self.preview.error(
                _(
                    "New rows are numbered in order: this one will be %(code)s. Leave Code empty or write %(code)s."
                )
                % {"code": expected},
                row.sheet,
                row.number,
                col,
            )
            return None
        return expected

    # -- Results

    def results_sheet(self, rows) -> None:
        sheet = t.RESULTS
        taken: set = set()
        parsed = []
        for number, cells in rows:
            self._tick()
            row = Row(sheet, number)
            instance = self._existing(row, cells, self.result_ids, _("a result"), taken)
            if instance is False:
                continue
            level, ok = self._cell(
                row, self._col(sheet, "level"), as_choice, cells.get("level"), choices=c.ResultLevel
            )
            if not ok:
                continue
            if level is None:
                if instance is None:
                    self.preview.error(
                        _("Say whether this is an outcome or an output."),
                        sheet,
                        number,
                        self._col(sheet, "level"),
                    )
                    continue
                level = instance.level
            parsed.append((row, cells, instance, level))
        # Outcomes first, so new outputs can sit under new outcomes whatever the order of the rows.
        parsed.sort(key=lambda item: item[3] != c.ResultLevel.OUTCOME)
        top = Result.all_objects.filter(plan=self.plan, parent=None).aggregate(m=Max("position"))["m"] or 0
        for row, cells, instance, level in parsed:
            self._result_row(row, cells, instance, level, top)

    def _result_row(self, row: Row, cells, instance, level, top) -> None:
        sheet = t.RESULTS
        parent_col = self._col(sheet, "parent")
        parent_code = as_code(cells.get("parent"))
        parent_node = None
        if instance is not None:
            if level != instance.level:
                self.preview.error(
                    _("A result's level cannot change; add a new row instead."),
                    sheet,
                    row.number,
                    self._col(sheet, "level"),
                )
                return
            current_parent = instance.parent.code if instance.parent_id else ""
            if parent_code != current_parent:
                self.preview.error(
                    _("A result stays where it is in the tree; add a new one instead."),
                    sheet,
                    row.number,
                    parent_col,
                )
                return
        if level == c.ResultLevel.OUTPUT:
            if not parent_code:
                self.preview.error(
                    _("An output must belong to an outcome: give its parent code."),
                    sheet,
                    row.number,
                    parent_col,
                )
                return
            parent_node = self.results.get(parent_code)
            if parent_node is None or parent_node.level != c.ResultLevel.OUTCOME:
                self.preview.error(
                    _("“%(code)s” is not an outcome of this plan.") % {"code": _short(parent_code)},
                    sheet,
                    row.number,
                    parent_col,
                )
                return
        elif parent_code:
            self.preview.error(
                _("An outcome is the top of the tree; leave the parent code empty."),
                sheet,
                row.number,
                parent_col,
            )
            return
        if instance is None:
            if parent_node is None:
                expected = self._next_code("", ("result", None), top)
            else:
                expected = self._next_code(
                    parent_node.code,
                    ("result", parent_node.code),
                    lambda: _max_position(Result.all_objects.filter(parent=parent_node.instance)),
                    new_parent=parent_node.is_new,
                )
            code = self._check_code(row, cells, expected, None)
        else:
            code = self._check_code(row, cells, None, instance.code)
        if code is None:
            return
        values = {"title": as_text(cells.get("title")), "description": as_text(cells.get("description"))}
        probe = (
            copy.copy(instance)
            if instance is not None
            else Result(network=self.plan.network, plan=self.plan, level=level)
        )
        for k, v in values.items():
            setattr(probe, k, v)
        if not self._validate(
            row, probe, exclude=["plan", "parent", "network", "code", "position"], run_clean=False
        ):
            return
        row.code = code
        row.instance = instance
        if instance is None:
            values.update(plan=self.plan, level=level)
            if parent_node is not None:
                if parent_node.is_new:
                    row.refs["parent"] = parent_node
                else:
                    values["parent"] = parent_node.instance
            node = Node(
                "result",
                code,
                Result(network=self.plan.network, plan=self.plan, level=level, code=code),
                level,
            )
            self.results[code] = node
            row.node = node
        self._diff(row, instance, values, {})
        self.preview.rows.append(row)

    # -- Activities

    def _names(self, row, col, tokens, lookup, what) -> list:
        found = []
        for token in tokens:
            obj, problem = lookup.get(token)
            if obj is None:
                message = (
                    _("“%(name)s” names more than one %(what)s; write its full name.")
                    if problem == "ambiguous"
                    else _("“%(name)s” is not %(what)s of this network.")
                ) % {"name": _short(token), "what": what}
                self.preview.error(message, row.sheet, row.number, col)
                return None
            found.append(obj)
        return found

    def _numbers(self, row, col, tokens, table, what) -> list | None:
        found = []
        for token in tokens:
            try:
                number = as_int(token)
            except CellError:
                number = None
            if number not in table:
                self.preview.error(
                    _("“%(value)s” is not a %(what)s number (%(first)s–%(last)s).")
                    % {
                        "value": _short(token),
                        "what": what,
                        "first": min(table, default=1),
                        "last": max(table, default=1),
                    },
                    row.sheet,
                    row.number,
                    col,
                )
                return None
            found.append(table[number])
        return found

    def _load_activity_m2m(self) -> None:
        names = (
            "partners",
            "gcm_objectives",
            "guiding_principles",
            "sdg_targets",
            "thematic_areas",
            "districts",
        )
        for a in Activity.objects.filter(plan=self.plan).prefetch_related(*names):
            self.activity_m2m[a.pk] = {n: list(getattr(a, n).all()) for n in names}

    def activities_sheet(self, rows) -> None:
        self._load_activity_m2m()
        sheet = t.ACTIVITIES
        col = {c_.key: c_ for c_ in sheet.columns}
        taken: set = set()
        national_names = {key(t.NATIONAL), key("National")}
        for number, cells in rows:
            self._tick()
            row = Row(sheet, number)
            errors_before = len(self.preview.errors)
            instance = self._existing(row, cells, self.activity_ids, _("an activity"), taken)
            if instance is False:
                continue
            output_code = as_code(cells.get("output"))
            output_node = self.results.get(output_code) if output_code else None
            if not output_code:
                self.preview.error(
                    _("Give the code of the output this activity sits under."), sheet, number, col["output"]
                )
                continue
            if output_node is None:
                self.preview.error(
                    _("“%(code)s” is not an output of this plan.") % {"code": _short(output_code)},
                    sheet,
                    number,
                    col["output"],
                )
                continue
            if output_node.level != c.ResultLevel.OUTPUT:
                self.preview.error(
                    _("%(code)s is an outcome; activities sit under an output.") % {"code": output_code},
                    sheet,
                    number,
                    col["output"],
                )
                continue
            if instance is not None and instance.output.code != output_code:
                self.preview.error(
                    _("An activity stays under its output; add a new one instead."),
                    sheet,
                    number,
                    col["output"],
                )
                continue
            if instance is None:
                expected = self._next_code(
                    output_code,
                    ("activity", output_code),
                    lambda node=output_node: _max_position(Activity.all_objects.filter(output=node.instance)),
                    new_parent=output_node.is_new,
                )
                code = self._check_code(row, cells, expected, None)
            else:
                code = self._check_code(row, cells, None, instance.code)
            if code is None:
                continue

            values: dict = {}
            for name in (
                "title",
                "description",
                "funding_source",
                "gender_justification",
                "human_rights_justification",
            ):
                values[name] = as_text(cells.get(name))
            lead = as_text(cells.get("lead_organisation"))
            if not lead:
                self.preview.error(_("Name the lead organisation."), sheet, number, col["lead_organisation"])
            else:
                found = self._names(
                    row, col["lead_organisation"], [lead], self.ref.organisations, _("an organisation")
                )
                if found:
                    values["lead_organisation"] = found[0]
            body = as_text(cells.get("body"))
            values["body"] = None
            if body:
                found = self._names(row, col["body"], [body], self.ref.bodies, _("a body"))
                values["body"] = found[0] if found else None
            for name in ("unsdcf_outcome", "government_priority"):
                text = as_code(cells.get(name))
                table = self.ref.unsdcf if name == "unsdcf_outcome" else self.ref.priorities
                values[name] = None
                if text:
                    values[name] = table.get(key(text))
                    if values[name] is None:
                        self.preview.error(
                            _("“%(code)s” is not a code of this network's list (see the Lists sheet).")
                            % {"code": _short(text)},
                            sheet,
                            number,
                            col[name],
                        )
            for name in ("start_date", "end_date"):
                values[name], ok = self._cell(row, col[name], as_date, cells.get(name))
                if ok and values[name] is None:
                    self.preview.error(_("Give a date."), sheet, number, col[name])
            for name in ("budget_required", "budget_available", "budget_spent"):
                value, ok = self._cell(row, col[name], as_decimal, cells.get(name), negative_ok=False)
                values[name] = value if value is not None else Decimal("0.00")
            values["status"], _ok = self._cell(
                row,
                col["status"],
                as_choice,
                cells.get("status"),
                choices=c.ActivityStatus,
                default=c.ActivityStatus.PLANNED,
            )
            for name in ("gender_marker", "human_rights_marker"):
                value, ok = self._cell(
                    row, col[name], as_choice, cells.get(name), choices=c.Marker, default=0
                )
                values[name] = int(value) if ok and value is not None else 0
            values["joint_programme"], _ok = self._cell(
                row, col["joint_programme"], as_bool, cells.get("joint_programme")
            )

            m2m: dict = {}
            m2m["partners"] = self._names(
                row,
                col["partners"],
                as_list(cells.get("partners")),
                self.ref.organisations,
                _("an organisation"),
            )
            m2m["thematic_areas"] = self._names(
                row,
                col["thematic_areas"],
                as_list(cells.get("thematic_areas")),
                self.ref.themes,
                _("a thematic area"),
            )
            m2m["gcm_objectives"] = self._numbers(
                row,
                col["gcm_objectives"],
                as_list(cells.get("gcm_objectives")),
                self.ref.gcm,
                _("GCM objective"),
            )
            if m2m["gcm_objectives"] == []:
                self.preview.error(
                    _("Tie the activity to at least one GCM objective."), sheet, number, col["gcm_objectives"]
                )
            m2m["guiding_principles"] = self._numbers(
                row,
                col["guiding_principles"],
                as_list(cells.get("guiding_principles")),
                self.ref.principles,
                _("guiding principle"),
            )
            sdg = []
            for token in as_list(cells.get("sdg_targets")):
                target = self.ref.sdg.get(token)
                if target is None:
                    self.preview.error(
                        _("“%(code)s” is not an SDG target (write e.g. 10.7).") % {"code": _short(token)},
                        sheet,
                        number,
                        col["sdg_targets"],
                    )
                    sdg = None
                    break
                sdg.append(target)
            if sdg and len(sdg) > MAX_SDG_TARGETS:
                self.preview.error(
                    _("Choose at most %(n)s SDG targets.") % {"n": MAX_SDG_TARGETS},
                    sheet,
                    number,
                    col["sdg_targets"],
                )
            m2m["sdg_targets"] = sdg
            tokens = as_list(cells.get("districts"))
            values["national"] = any(key(x) in national_names for x in tokens)
            districts = []
            for token in tokens:
                if key(token) in national_names:
                    continue
                found, problem = self.ref.districts.get(token)
                if found is None:
                    where = self.ref.country_name or _("this network")
                    self.preview.error(
                        _("“%(name)s” is not a district of %(country)s.")
                        % {"name": _short(token), "country": where},
                        sheet,
                        number,
                        col["districts"],
                    )
                    districts = None
                    break
                districts.append(found)
            m2m["districts"] = districts
            if len(self.preview.errors) > errors_before:
                continue

            probe = (
                copy.copy(instance)
                if instance is not None
                else Activity(network=self.plan.network, plan=self.plan)
            )
            for k, v in values.items():
                setattr(probe, k, v)
            if not output_node.is_new:
                probe.output = output_node.instance
            fks = [
                "plan",
                "output",
                "network",
                "lead_organisation",
                "body",
                "unsdcf_outcome",
                "government_priority",
                "joint_priority",
            ]
            if not self._validate(row, probe, exclude=[*fks, "code", "position", "percent_complete"]):
                continue
            if values["budget_spent"] > values["budget_available"]:
                self.preview.warn(
                    _("Spent (%(spent)s) is more than available (%(available)s).")
                    % {"spent": values["budget_spent"], "available": values["budget_available"]},
                    sheet,
                    number,
                    col["budget_spent"],
                )
            row.code = code
            row.instance = instance
            if instance is None:
                values["plan"] = self.plan
                if output_node.is_new:
                    row.refs["output"] = output_node
                else:
                    values["output"] = output_node.instance
                node = Node("activity", code, Activity(network=self.plan.network, plan=self.plan, code=code))
                self.activities[code] = node
                row.node = node
            self._diff(row, instance, values, m2m, self.activity_m2m.get(getattr(instance, "pk", None)))
            self.preview.rows.append(row)

    # -- Indicators, targets, measurements

    def indicators_sheet(self, rows) -> None:
        sheet = t.INDICATORS
        col = {c_.key: c_ for c_ in sheet.columns}
        taken: set = set()
        for number, cells in rows:
            self._tick()
            row = Row(sheet, number)
            errors_before = len(self.preview.errors)
            instance = self._existing(row, cells, self.indicator_ids, _("an indicator"), taken)
            if instance is False:
                continue
            values: dict = {
                "code": as_code(cells.get("code")),
                "name": as_text(cells.get("name")),
                "unit": as_text(cells.get("unit")),
            }
            of = as_code(cells.get("of"))
            owner = self.activities.get(of) or self.results.get(of)
            if not of:
                self.preview.error(
                    _("Give the code of the result or activity this indicator measures."),
                    sheet,
                    number,
                    col["of"],
                )
            elif owner is None:
                self.preview.error(
                    _("“%(code)s” is not a result or activity of this plan.") % {"code": _short(of)},
                    sheet,
                    number,
                    col["of"],
                )
            values["direction"], _ok = self._cell(
                row,
                col["direction"],
                as_choice,
                cells.get("direction"),
                choices=c.Direction,
                default=c.Direction.INCREASE,
            )
            values["baseline_value"], _ok = self._cell(
                row, col["baseline_value"], as_decimal, cells.get("baseline_value")
            )
            values["baseline_year"], ok = self._cell(
                row, col["baseline_year"], as_int, cells.get("baseline_year")
            )
            if ok and values["baseline_year"] is not None and not 1990 <= values["baseline_year"] <= 2100:
                self.preview.error(_("Give a year such as 2024."), sheet, number, col["baseline_year"])
            dis = []
            for token in as_list(cells.get("disaggregation")):
                try:
                    dis.append(as_choice(token, c.Disaggregation))
                except CellError as exc:
                    self.preview.error(str(exc), sheet, number, col["disaggregation"])
            values["disaggregation"] = [v for v in c.Disaggregation.values if v in dis]
            if len(self.preview.errors) > errors_before:
                continue
            probe = (
                copy.copy(instance)
                if instance is not None
                else Indicator(network=self.plan.network, plan=self.plan)
            )
            for k, v in values.items():
                setattr(probe, k, v)
            if not self._validate(
                row, probe, exclude=["plan", "result", "activity", "network"], run_clean=False
            ):
                continue
            owner_field = "activity" if owner.kind == "activity" else "result"
            other = "result" if owner_field == "activity" else "activity"
            if owner.is_new:
                row.refs[owner_field] = owner
                values[other] = None
            else:
                values[owner_field], values[other] = owner.instance, None
            if instance is not None and owner.is_new:
                row.changes.append(
                    (str(col["of"].header), _show(instance.result or instance.activity), owner.code)
                )
            row.instance = instance
            row.code = values["code"] or (f"#{instance.pk}" if instance else "")
            if instance is None:
                values["plan"] = self.plan
                node = Node(
                    "indicator",
                    values["code"],
                    Indicator(network=self.plan.network, plan=self.plan),
                    disaggregation=tuple(values["disaggregation"]),
                )
                row.node = node
            else:
                node = self.indicator_nodes[instance.pk]
                node.disaggregation = tuple(values["disaggregation"])
                if node.code and key(node.code) != key(values["code"]):
                    self.indicators[key(node.code)].remove(node)
                    node.code = values["code"]
                elif node.code:
                    pass
            if values["code"] and node not in self.indicators.get(key(values["code"]), []):
                self.indicators.setdefault(key(values["code"]), []).append(node)
            self._diff(row, instance, values, {})
            self.preview.rows.append(row)

    def _indicator(self, row: Row, cells) -> Node | None:
        col = self._col(row.sheet, "indicator")
        text = as_code(cells.get("indicator"))
        if not text:
            self.preview.error(_("Give the indicator's code."), row.sheet, row.number, col)
            return None
        if text.startswith("#"):
            try:
                node = self.indicator_nodes.get(int(text[1:]))
            except ValueError:
                node = None
            if node is not None:
                return node
        nodes = self.indicators.get(key(text), [])
        if len(nodes) == 1:
            return nodes[0]
        message = (
            _("More than one indicator has the code “%(code)s”; give them different codes first.")
            if nodes
            else _("“%(code)s” is not an indicator of this plan.")
        ) % {"code": _short(text)}
        self.preview.error(message, row.sheet, row.number, col)
        return None

    def _period(self, row: Row, cells) -> str | None:
        col = self._col(row.sheet, "period")
        text = as_code(cells.get("period")).upper()
        if not PERIOD_RE.match(text):
            self.preview.error(_("Write a year (2026) or a quarter (2026-Q2)."), row.sheet, row.number, col)
            return None
        start, end = period_bounds(text)
        if end < self.plan.start_date or start > self.plan.end_date:
            self.preview.error(
                _("%(period)s is outside the plan's period (%(start)s to %(end)s).")
                % {
                    "period": text,
                    "start": self.plan.start_date.isoformat(),
                    "end": self.plan.end_date.isoformat(),
                },
                row.sheet,
                row.number,
                col,
            )
            return None
        return text

    def _value_row(self, sheet: t.Sheet, rows, table: dict, label: str, extra) -> None:
        col = {c_.key: c_ for c_ in sheet.columns}
        taken: set = set()
        keys_in_file: dict = {}
        for number, cells in rows:
            self._tick()
            row = Row(sheet, number)
            errors_before = len(self.preview.errors)
            instance = self._existing(row, cells, table, label, taken)
            if instance is False:
                continue
            node = self._indicator(row, cells)
            period = self._period(row, cells)
            value, ok = self._cell(row, col["value"], as_decimal, cells.get("value"))
            if ok and value is None:
                self.preview.error(_("Give a value."), sheet, number, col["value"])
            values = {"period": period, "value": value}
            extra(row, cells, values, node)
            if len(self.preview.errors) > errors_before:
                continue
            if instance is not None and not node.is_new and instance.indicator_id != node.instance.pk:
                values["indicator"] = node.instance
            probe = (
                copy.copy(instance)
                if instance is not None
                else (Target if sheet is t.TARGETS else Measurement)(network=self.plan.network)
            )
            for k, v in values.items():
                setattr(probe, k, v)
            if not self._validate(
                row,
                probe,
                exclude=["indicator", "network", "district", "report", "period_end"],
                run_clean=False,
            ):
                continue
            if sheet is t.TARGETS:
                unique = (id(node), period)
                duplicate = unique in keys_in_file or (
                    not node.is_new
                    and any(
                        x.indicator_id == node.instance.pk
                        and x.period == period
                        and x.pk not in taken
                        and x.pk != getattr(instance, "pk", None)
                        for x in table.values()
                    )
                )
                keys_in_file[unique] = True
                if duplicate:
                    self.preview.error(
                        _("This indicator already has a target for this period."),
                        sheet,
                        number,
                        col["period"],
                    )
                    continue
            row.instance = instance
            row.code = f"{node.code or '#'} {period}"
            if instance is None:
                if node.is_new:
                    row.refs["indicator"] = node
                else:
                    values["indicator"] = node.instance
            elif node.is_new:
                row.refs["indicator"] = node
            self._diff(row, instance, values, {})
            self.preview.rows.append(row)

    def targets_sheet(self, rows) -> None:
        self._value_row(t.TARGETS, rows, self.targets, _("a target"), lambda *args: None)

    def measurements_sheet(self, rows) -> None:
        self._value_row(t.MEASUREMENTS, rows, self.measurements, _("a measurement"), self._measurement_extra)

    def _measurement_extra(self, row: Row, cells, values: dict, node: Node | None) -> None:
        sheet = t.MEASUREMENTS
        col = {c_.key: c_ for c_ in sheet.columns}
        for name in ("source", "means_of_verification"):
            values[name] = as_text(cells.get(name))
        for name, choices in (("sex", c.Sex), ("age_group", c.AgeGroup), ("migrant_status", c.MigrantStatus)):
            value, _ok = self._cell(row, col[name], as_choice, cells.get(name), choices=choices, default="")
            values[name] = value or ""
        text = as_text(cells.get("district"))
        values["district"] = None
        if text:
            found, _problem = self.ref.districts.get(text)
            if found is None:
                where = self.ref.country_name or _("this network")
                self.preview.error(
                    _("“%(name)s” is not a district of %(country)s.")
                    % {"name": _short(text), "country": where},
                    sheet,
                    row.number,
                    col["district"],
                )
            values["district"] = found
        if node is not None:
            used = [n for n in ("sex", "age_group", "migrant_status", "district") if values.get(n)]
            for name in used:
                if name not in node.disaggregation:
                    self.preview.error(
                        _("This indicator is not disaggregated this way."), sheet, row.number, col[name]
                    )


def _max_position(qs) -> int:
    return qs.aggregate(m=Max("position"))["m"] or 0


def _header(by_key: dict, name: str) -> str:
    if name == "national":
        name = "districts"
    if name in ("result", "activity"):
        name = "of"
    col = by_key.get(name)
    return str(col.header) if col else name


def _same(old, new) -> bool:
    if hasattr(old, "_meta") or hasattr(new, "_meta"):
        return getattr(old, "pk", old) == getattr(new, "pk", new)
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        if old is None or new is None:
            return old is None and new is None
        return Decimal(old).quantize(CENT) == Decimal(new).quantize(CENT)
    if isinstance(old, str) or isinstance(new, str):
        return as_text(old) == as_text(new)
    if isinstance(old, list) or isinstance(new, list):
        return sorted(old or []) == sorted(new or [])
    return old == new


def read_workbook(source, *, plan, reference: Reference | None = None, progress=None) -> Preview:
    """The dry run: what importing `source` (a path or file) into `plan` would do. Writes nothing.
    `progress(done, total)` is told how many rows have been read, every PROGRESS_EVERY rows.

    Raises NotXlsx when openpyxl cannot open the file."""
    return Reader(plan, reference, progress).read(source)
