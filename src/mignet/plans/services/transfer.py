"""Writes of the Excel round-trip: apply an edited plan workbook, all or nothing, through the plan
services (so the policy and every rule are those of the forms)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mignet.core import policy

from ..models import Plan
from ..transfer.importer import CREATE, UPDATE, Preview, Problem, read_workbook
from . import plans as s

SERVICES = {
    "results": (s.result_create, s.result_update),
    "activities": (s.activity_create, s.activity_update),
    "indicators": (s.indicator_create, s.indicator_update),
    "targets": (s.target_create, s.target_update),
    "measurements": (s.measurement_create, s.measurement_update),
}


class ImportRefused(ValidationError):
    """The workbook has errors (found again at apply time); nothing was written. Carries the preview."""

    def __init__(self, preview: Preview) -> None:
        self.preview = preview
        super().__init__([str(p) for p in preview.errors] or [_("The import was refused.")])


def plan_import_check(*, actor, plan: Plan) -> None:
    """Only who may change the plan imports into it (the chair of its body, the secretariat), and only
    while it is a draft."""
    policy.require(actor, "change", plan)
    if not plan.is_editable:
        raise ValidationError(
            _("This plan is %(status)s; only a draft plan can be imported into. Start a revision first.")
            % {"status": plan.get_status_display().lower()}
        )


def plan_import_apply(*, actor, plan: Plan, source, digest: str | None = None) -> Preview:
    """Read `source` again against the locked plan and write every change in one transaction; any error
    (in the file, or refused by a service) rolls everything back and raises ImportRefused."""
    with transaction.atomic():
        plan = Plan.all_objects.select_for_update().get(pk=plan.pk)
        plan_import_check(actor=actor, plan=plan)
        preview = read_workbook(source, plan=plan)
        if preview.errors:
            raise ImportRefused(preview)
        if digest is not None and digest != preview.digest():
            preview.error(
                _("The plan changed since the preview was made. Check the new preview, then apply it.")
            )
            raise ImportRefused(preview)
        for row in preview.rows:
            if row.action not in (CREATE, UPDATE):
                continue
            create, update = SERVICES[row.sheet.key]
            data = {**row.data, **{name: node.instance for name, node in row.refs.items()}}
            try:
                if row.action == CREATE:
                    obj = create(actor=actor, network=plan.network, data=data, m2m=row.m2m or None)
                    if row.node is not None:
                        if row.sheet.key in ("results", "activities") and obj.code != row.code:
                            raise ValidationError(
                                {
                                    "code": _("This row would be numbered %(code)s; import the file again.")
                                    % {"code": obj.code}
                                }
                            )
                        row.node.instance = obj
                else:
                    current = type(row.instance).objects.get(pk=row.instance.pk)
                    update(
                        actor=actor, instance=current, version=current.version, data=data, m2m=row.m2m or None
                    )
            except ValidationError as exc:
                failed = Preview(rows=preview.rows)
                messages = exc.message_dict.items() if hasattr(exc, "error_dict") else [("", exc.messages)]
                columns = {col.key: col for col in row.sheet.columns}
                for name, texts in messages:
                    name = {"national": "districts", "result": "of", "activity": "of"}.get(name, name)
                    for text in texts:
                        failed.problems.append(
                            Problem(
                                message=text,
                                sheet=str(row.sheet.title),
                                row=row.number,
                                column=str(columns[name].header) if name in columns else "",
                            )
                        )
                raise ImportRefused(failed) from exc
    return preview
