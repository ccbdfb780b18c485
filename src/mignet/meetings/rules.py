"""How a decision's outcome follows from its members' positions: the three rules, in one pure function.

- Consensus (in a meeting): adopted when at least one member agrees and none objects, as the chair
  closes the item.
- Silence procedure: adopted at the deadline unless an objection broke silence.
- Written consultation: adopted once every member has answered and none objects; not adopted if the
  deadline passes first or the consultation is closed with an objection standing.

Standing aside is neither agreement nor objection. Only the body's member organisations count.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .choices import DecisionMethod, DecisionStatus, PositionValue


@dataclass(frozen=True)
class Outcome:
    """Where a decision stands: `status` is open, adopted or not_adopted; `explanation` says why."""

    status: str
    explanation: str
    agree: int = 0
    stand_aside: int = 0
    object: int = 0
    no_response: int = 0

    @property
    def final(self) -> bool:
        return self.status != DecisionStatus.OPEN


def decision_outcome(
    *,
    method: str,
    positions: Mapping[int, str],
    members: Collection[int],
    now: datetime.datetime,
    deadline: datetime.datetime | None = None,
    closing: bool = False,
) -> Outcome:
    """The outcome of a decision taken by `method`, given each member organisation's position.

    `positions` maps organisation id → position value; positions of organisations that are not
    `members` are ignored. `closing` is True when the chair or secretariat closes the item now."""
    members = set(members)
    counted = {org: value for org, value in positions.items() if org in members}
    agree = sum(1 for v in counted.values() if v == PositionValue.AGREE)
    aside = sum(1 for v in counted.values() if v == PositionValue.STAND_ASIDE)
    objections = sum(1 for v in counted.values() if v == PositionValue.OBJECT)
    missing = len(members) - len(counted)
    tally = {"agree": agree, "stand_aside": aside, "object": objections, "no_response": missing}
    passed = deadline is not None and now >= deadline

    def result(status: str, explanation: str) -> Outcome:
        return Outcome(status=status, explanation=explanation, **tally)

    if not members and (closing or passed):
        return result(DecisionStatus.NOT_ADOPTED, _("Not adopted: the body has no member organisations."))

    if method == DecisionMethod.CONSENSUS:
        if not (closing or passed):
            return result(
                DecisionStatus.OPEN,
                _("Consensus is reached when at least one member agrees and none objects."),
            )
        if objections:
            return result(
                DecisionStatus.NOT_ADOPTED,
                ngettext(
                    "No consensus: %(n)d member objected.",
                    "No consensus: %(n)d members objected.",
                    objections,
                )
                % {"n": objections},
            )
        if not agree:
            return result(DecisionStatus.NOT_ADOPTED, _("No consensus: no member agreed."))
        return result(
            DecisionStatus.ADOPTED,
            ngettext(
                "Adopted by consensus: %(n)d member agreed and none objected.",
                "Adopted by consensus: %(n)d members agreed and none objected.",
                agree,
            )
            % {"n": agree},
        )

    if method == DecisionMethod.SILENCE:
        if not passed:
            if objections:
                return result(
                    DecisionStatus.OPEN,
                    _(
                        "Silence is broken by an objection. Unless it is withdrawn before the deadline, the decision will not be adopted."
                    ),
                )
            return result(
                DecisionStatus.OPEN, _("Adopted at the deadline unless a member objects before then.")
            )
        if objections:
            return result(
                DecisionStatus.NOT_ADOPTED,
                ngettext(
                    "Not adopted: %(n)d member broke silence with an objection.",
                    "Not adopted: %(n)d members broke silence with an objection.",
                    objections,
                )
                % {"n": objections},
            )
        return result(
            DecisionStatus.ADOPTED,
            _("Adopted under the silence procedure: no member objected by the deadline."),
        )

    if method == DecisionMethod.WRITTEN:
        if members and missing == 0 and not objections:
            return result(
                DecisionStatus.ADOPTED,
                _("Adopted by written consultation: every member answered and none objected."),
            )
        if passed or closing:
            if objections:
                reason = ngettext(
                    "Not adopted: %(n)d member objected.", "Not adopted: %(n)d members objected.", objections
                ) % {"n": objections}
            else:
                reason = ngettext(
                    "Not adopted: %(n)d member did not answer.",
                    "Not adopted: %(n)d members did not answer.",
                    missing,
                ) % {"n": missing}
            return result(DecisionStatus.NOT_ADOPTED, reason)
        return result(
            DecisionStatus.OPEN,
            _("Adopted when every member has answered and none objects."),
        )

    raise ValueError(f"unknown decision method {method!r}")
