"""Writes of the duplication view: a TWG chair's (or the secretariat's) verdict on a pair of activities
flagged as similar — complementary or duplicate, with a note — one review per pair, updated in place."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mignet.core.services import record_create, record_update

from .. import choices as c
from ..models import Activity, DuplicateReview
from ..similarity import similarity as text_similarity


def duplicate_review_record(
    *,
    actor,
    first: Activity,
    second: Activity,
    verdict: str,
    note: str = "",
    similarity: float | None = None,
    version: int | None = None,
) -> DuplicateReview:
    """Record the verdict on a pair (in either order; kept as first.pk < second.pk): creates the pair's
    review or updates it (with `version`, when given, guarding against a newer change), with the reviewer.
    The policy allows a chair of a body coordinating either activity, and the secretariat."""
    if first.pk == second.pk:
        raise ValidationError({"second": _("Choose two different activities.")})
    if first.network_id != second.network_id:
        raise ValidationError({"second": _("Both activities must be in the same network.")})
    if verdict not in c.DuplicateVerdict.values:
        raise ValidationError({"verdict": _("Choose complementary or duplicate.")})
    if first.pk > second.pk:
        first, second = second, first
    data = {"verdict": verdict, "note": (note or "").strip()}
    with transaction.atomic():
        existing = (
            DuplicateReview.objects.select_for_update().filter(first_id=first.pk, second_id=second.pk).first()
        )
        if similarity is None:  # the pair on its own (the page's score is fitted on all the activities)
            similarity = text_similarity(
                f"{first.title}\n{first.description}", f"{second.title}\n{second.description}"
            )
        extra = {"reviewed_by": actor, "similarity": round(float(similarity), 6)}
        if existing is None:
            return record_create(
                DuplicateReview,
                actor=actor,
                network=first.network,
                data={"first": first, "second": second, **data},
                set_by_service=extra,
                reason=_("Reviewed as %(verdict)s") % {"verdict": c.DuplicateVerdict(verdict).label},
            )
        # The rule reads the pair's activities; hand it the ones already loaded.
        existing.first, existing.second = first, second
        return record_update(
            existing,
            actor=actor,
            version=existing.version if version is None else version,
            data={**data, **extra},
            reason=_("Reviewed as %(verdict)s") % {"verdict": c.DuplicateVerdict(verdict).label},
        )
