from django import template

register = template.Library()


@register.filter
def coordinates(place) -> str:
    """A place's latitude and longitude as "42.33611, 23.55400": degrees with a decimal
    point in every language (a decimal comma would read as four numbers), five decimals
    (about a metre), latitude first – the order map applications accept when pasted."""
    latitude = getattr(place, "latitude", None)
    longitude = getattr(place, "longitude", None)
    if latitude is None or longitude is None:
        return ""
    return f"{float(latitude):.5f}, {float(longitude):.5f}"
