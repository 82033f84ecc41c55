from obshtina.organization.selectors import current_municipality


def site(request):
    """The municipality's name and contacts for the header and footer of every page."""
    return {"municipality": current_municipality()}
