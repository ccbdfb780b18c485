"""Who besides the secretariat may change the network's structure (DESIGN.md section 2)."""

from django.db.models import Q

from mignet.core.choices import Role
from mignet.core.policy import reader, rule, secretariat_fields

# Fields only the secretariat sets, whoever else may edit the record.
secretariat_fields("network.organisation", "kind", "consortium", "un_entity")
secretariat_fields("network.person", "user")
secretariat_fields("network.membership", "status")
secretariat_fields("network.nomination", "status")


@rule("network.organisation", "change")
def organisation_change(p, obj, network_id) -> bool:
    """Focal points and partners keep their own organisation's profile up to date."""
    return obj is not None and obj.pk in p.organisation_ids(network_id)


@rule("network.person", "add", "change")
def person_edit(p, obj, network_id) -> bool:
    """Focal points and partners add and edit the people of their own organisation."""
    own = p.organisation_ids(network_id)
    if obj is None:
        return bool(own)
    return obj.organisation_id in own


@rule("network.membership", "add")
def membership_propose(p, obj, network_id) -> bool:
    """A chair proposes memberships of the body they chair; the secretariat confirms them."""
    bodies = p.chaired_body_ids(network_id)
    if obj is None:
        return bool(bodies)
    return obj.body_id in bodies and obj.status == "proposed"


@rule("network.representative", "add", "change")
def representative_edit(p, obj, network_id) -> bool:
    """A focal point names their own organisation's representatives."""
    own = p.organisation_ids(network_id, Role.MEMBER, Role.PARTNER)
    if obj is None:
        return bool(own)
    return obj.membership.organisation_id in own


@rule("network.nomination", "add")
def nomination_add(p, obj, network_id) -> bool:
    """A consortium's partner focal point nominates on the consortium's behalf."""
    own = p.organisation_ids(network_id, Role.PARTNER)
    if obj is None:
        return bool(own)
    return obj.consortium_id in own and obj.status == "nominated"


def _secretariat_networks(p) -> list[int]:
    return [nid for nid in p.network_ids() if p.is_secretariat(nid)]


# Role assignments are private: each user reads their own; the secretariat reads all of its network's.
reader(
    "network.roleassignment",
    rows=lambda p: Q(network_id__in=_secretariat_networks(p)) | Q(user_id=getattr(p.user, "pk", None) or 0),
    row=lambda p, obj: p.is_secretariat(obj.network_id) or obj.user_id == getattr(p.user, "pk", None),
)
