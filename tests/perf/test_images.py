"""Images: renditions in AVIF and WebP, several widths, dimensions, lazy below the fold."""

import io
import re

import pytest
from django.core.files.images import ImageFile
from django.template import Context, Template
from PIL import Image as PILImage
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (40, 120, 90)).save(buffer, "JPEG")
    image = get_image_model()(title="Jardin partagé")
    image.file = ImageFile(buffer, name="jardin.jpg")
    image.save()
    return image


def render(source, **context):
    return Template("{% load predess_tags %}" + source).render(Context(context))


def test_picture_with_avif_webp_srcset_and_dimensions(photo):
    html = render("{% responsive_image image %}", image=photo)
    assert html.startswith("<picture>")
    assert 'type="image/avif"' in html and 'type="image/webp"' in html
    avif = re.search(r'<source [^>]*srcset="([^"]+)"[^>]*type="image/avif"', html).group(1)
    assert [part.split()[-1] for part in avif.split(", ")] == ["480w", "800w", "1200w"]
    img = re.search(r"<img [^>]+>", html).group(0)
    assert 'loading="lazy"' in img and 'decoding="async"' in img
    assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)
    assert 'alt="Jardin partagé"' in img
    assert ".jpg" in img or ".jpeg" in img


def test_eager_above_the_fold_and_no_upscaling(photo):
    html = render('{% responsive_image image "240px" "240,3000" eager=True fallback="png" %}', image=photo)
    img = re.search(r"<img [^>]+>", html).group(0)
    assert 'fetchpriority="high"' in img and "loading=" not in img
    assert "1600w" in html and "3000w" not in html  # never wider than the original


def test_image_blocks_use_it(photo):
    from home.blocks import BodyStreamBlock

    block = BodyStreamBlock()
    value = block.to_python(
        [{"type": "image", "value": {"image": photo.pk, "alt_text": "Un jardin", "decorative": False}}]
    )
    html = block.render(value)
    assert "<picture>" in html and 'type="image/avif"' in html and 'alt="Un jardin"' in html
