"""Template context every page needs: the current network (if any), the user's roles, the demo banner."""

from django.core.cache import caches

from .policy import principal


def _has_demo_data(network) -> bool:
    from mignet.network.models import Organisation

    return caches["shared"].get_or_set(
        f"network:{network.pk}:has-demo",
        lambda: Organisation.all_objects.filter(network=network, is_demo=True).exists(),
        300,
    )


def mignet(request):
    network = getattr(request, "network", None)
    p = principal(getattr(request, "user", None))
    return {
        "network": network,
        "principal": p,
        "user_roles": sorted(p.roles(network.pk)) if network is not None else [],
        "network_has_demo_data": network is not None and _has_demo_data(network),
    }
