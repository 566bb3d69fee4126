"""Draw the app icon (resources/icons/kws-desktop.png and .ico): a green tile with a white
water drop and "KWS". Run again after changing it: python packaging/make_icon.py"""
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "icons"
GREEN, DARK, WHITE = (31, 122, 77, 255), (20, 84, 53, 255), (255, 255, 255, 255)


def draw(size: int = 512) -> Image.Image:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    pad = size // 16
    d.rounded_rectangle((pad, pad, size - pad, size - pad), radius=size // 6, fill=GREEN,
                        outline=DARK, width=max(2, size // 64))
    # a drop: a circle with a triangle on top
    cx, cy, r = size // 2, int(size * 0.44), int(size * 0.17)
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=WHITE)
    d.polygon([(cx - int(r * 0.93), cy - int(r * 0.36)), (cx, int(size * 0.13)),
               (cx + int(r * 0.93), cy - int(r * 0.36))], fill=WHITE)
    font = ImageFont.truetype(str(ROOT / "resources" / "fonts" / "DejaVuSans-Bold.ttf"), int(size * 0.2))
    text = "KWS"
    box = d.textbbox((0, 0), text, font=font)
    d.text(((size - (box[2] - box[0])) / 2 - box[0], size * 0.66), text, font=font, fill=WHITE)
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw(512)
    big.resize((256, 256), Image.LANCZOS).save(OUT / "kws-desktop.png", optimize=True)
    big.save(OUT / "kws-desktop.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64),
                                                (128, 128), (256, 256)])


if __name__ == "__main__":
    main()
