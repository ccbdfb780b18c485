"""Template context every page needs: the current network (if any) and the user's networks for the switcher."""

from .policy import principal


def mignet(request):
    network = getattr(request, "network", None)
    p = principal(getattr(request, "user", None))
    return {
        "network": network,
        "principal": p,
        "user_roles": sorted(p.roles(network.pk)) if network is not None else [],
    }
