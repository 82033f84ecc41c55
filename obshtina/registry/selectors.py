def item_url_for_number(number: str, *, user) -> str | None:
    return None
