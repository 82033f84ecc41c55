"""Draw the installed app's icons: a white map pin on the brand colour.

The PNGs live in ``core/static/core/pwa/``; run this again only to change the art:

    uv run python manage.py generate_pwa_icons

The emblem has no letters, so the same icons serve any municipality; a deployment
that wants its own coat of arms puts PNGs of the same names earlier in STATICFILES_DIRS.
"""

from pathlib import Path

from django.core.management.base import BaseCommand
from PIL import Image, ImageDraw

BRAND = (11, 79, 138)  # --brand in core/site.css
WHITE = (255, 255, 255)
SUPERSAMPLE = 4
OUTPUT = Path(__file__).resolve().parents[2] / "static" / "core" / "pwa"

# name → (size in pixels, emblem's share of the side, rounded corners)
ICONS = {
    "icon-192.png": (192, 0.72, True),
    "icon-512.png": (512, 0.72, True),
    # Maskable: the platform cuts its own shape; keep the pin inside the 80 % safe circle.
    "icon-maskable-512.png": (512, 0.5, False),
    # iOS rounds the corners itself and shows transparency as black.
    "apple-touch-icon.png": (180, 0.66, False),
    "favicon-32.png": (32, 0.86, True),
}


def draw_icon(size: int, emblem_share: float, rounded: bool) -> Image.Image:
    side = size * SUPERSAMPLE
    image = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if rounded:
        draw.rounded_rectangle((0, 0, side - 1, side - 1), radius=side * 0.18, fill=BRAND)
    else:
        draw.rectangle((0, 0, side, side), fill=BRAND)
    _draw_pin(draw, side, side * emblem_share)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def _draw_pin(draw: ImageDraw.ImageDraw, side: float, height: float) -> None:
    """A map pin: a round head over a point, with a hole in the head."""
    centre_x = side / 2
    top = (side - height) / 2
    radius = height * 0.34
    head_y = top + radius
    tip_y = top + height
    draw.ellipse(
        (centre_x - radius, head_y - radius, centre_x + radius, head_y + radius), fill=WHITE
    )
    shoulder = radius * 0.87
    draw.polygon(
        [
            (centre_x - shoulder, head_y + radius * 0.5),
            (centre_x + shoulder, head_y + radius * 0.5),
            (centre_x, tip_y),
        ],
        fill=WHITE,
    )
    hole = radius * 0.42
    draw.ellipse((centre_x - hole, head_y - hole, centre_x + hole, head_y + hole), fill=BRAND)


class Command(BaseCommand):
    help = "Draw the PWA icons into core/static/core/pwa/."

    def handle(self, *args, **options):
        OUTPUT.mkdir(parents=True, exist_ok=True)
        for name, (size, share, rounded) in ICONS.items():
            icon = draw_icon(size, share, rounded)
            if not rounded:
                icon = icon.convert("RGB")
            icon.save(OUTPUT / name, optimize=True)
            self.stdout.write(f"{OUTPUT / name}")
