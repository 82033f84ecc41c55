"""The site's one way of writing dates (FORMAT_MODULE_PATH), per language.

Days a person comes in or picks are written out: "четвъртък, 3 декември 2026" (the
template format "l, j F Y"; "D, d.m.Y" gives "чт, 03.12.2026" where a table is short of
room). Registry dates, deadlines and timestamps are numeric: "03.12.2026",
"03.12.2026 14:30" ("d.m.Y", "d.m.Y H:i"). Month and weekday names come from the bg
catalogue in lower case ("декември", "чт"). What is not set here falls back to Django's
own formats for the language.
"""
