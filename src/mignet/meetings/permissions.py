"""Who besides the secretariat may run meetings, record positions and follow up (DESIGN.md section 2).

Chairs run their own body's meetings, minutes and decisions; member focal points propose agenda items;
focal points and partners record their own organisation's positions and update their own action points.
"""

from mignet.core.choices import Role
from mignet.core.policy import rule


def _body_id(obj) -> int | None:
    for path in ("body_id", "meeting.body_id", "decision.body_id"):
        target = obj
        for part in path.split("."):
            target = getattr(target, part, None)
            if target is None:
                break
        if target is not None:
            return target
    return None


@rule("meetings.meeting", "add", "change", "delete")
@rule("meetings.attendance", "add", "change", "delete")
@rule("meetings.minutes", "add", "change", "delete")
@rule("meetings.decision", "add", "change", "delete")
def chair_runs_body(p, obj, network_id) -> bool:
    """A chair runs the meetings, attendance, minutes and decisions of the body they chair."""
    bodies = p.chaired_body_ids(network_id)
    if obj is None:
        return bool(bodies)
    return _body_id(obj) in bodies


@rule("meetings.agendaitem", "add", "change", "delete")
def agenda_item_edit(p, obj, network_id) -> bool:
    """Chairs shape their body's agendas; member focal points propose items they present."""
    if obj is None:
        return bool(p.chaired_body_ids(network_id) or p.organisation_ids(network_id, Role.MEMBER))
    if _body_id(obj) in p.chaired_body_ids(network_id):
        return True
    return obj.presenter_id is not None and obj.presenter_id in p.organisation_ids(network_id, Role.MEMBER)


@rule("meetings.position", "add", "change")
def position_record(p, obj, network_id) -> bool:
    """Focal points and partners speak for their own organisation; a chair records positions in the room."""
    own = p.organisation_ids(network_id, Role.MEMBER, Role.PARTNER)
    if obj is None:
        return bool(own or p.chaired_body_ids(network_id))
    return obj.organisation_id in own or _body_id(obj) in p.chaired_body_ids(network_id)


@rule("meetings.actionpoint", "add", "delete")
def action_point_add(p, obj, network_id) -> bool:
    """A chair assigns action points in the body they chair."""
    bodies = p.chaired_body_ids(network_id)
    if obj is None:
        return bool(bodies)
    return obj.body_id in bodies


@rule("meetings.actionpoint", "change")
def action_point_change(p, obj, network_id) -> bool:
    """The chair, and the owner organisation's focal point, keep an action point's status up to date."""
    if obj is None:
        return bool(p.chaired_body_ids(network_id) or p.organisation_ids(network_id))
    return obj.body_id in p.chaired_body_ids(network_id) or obj.owner_organisation_id in p.organisation_ids(
        network_id
    )
