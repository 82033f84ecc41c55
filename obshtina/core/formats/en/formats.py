"""English as written in Europe: the Bulgarian pages' shapes ("3 December 2026", the 24-hour
clock, "03.12.2026"), never the American "Dec. 3, 2026" or "12/03/2026"; the words come
from each language's catalogue."""

from obshtina.core.formats.bg.formats import *  # noqa: F403
