"""Where images are stored, as the environment configures it (docs/media.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SHOW_STORAGE = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
default_storage = storages["default"]
print(json.dumps({
    "backend": type(default_storage).__module__ + "." + type(default_storage).__name__,
    "url": default_storage.url("renditions/1/abc/card-320.webp"),
    "location": getattr(default_storage, "location", ""),
    "cache_control": getattr(default_storage, "object_parameters", {}).get("CacheControl", ""),
    "max_pixels": settings.MARQUEE_IMAGE_MAX_PIXELS,
}))
"""


def storage_for(tmp_path: Path, **variables: str) -> dict[str, object]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("MARQUEE_", "AWS_"))},
        "DJANGO_SETTINGS_MODULE": "marquee.config.settings",
        "MARQUEE_VAR_DIR": str(tmp_path / "var"),
        **variables,
    }
    done = subprocess.run(
        [sys.executable, "-c", SHOW_STORAGE], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_files_under_the_var_folder_by_default(tmp_path: Path) -> None:
    found = storage_for(tmp_path)
    assert found["backend"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert found["location"] == str((tmp_path / "var" / "media").resolve())
    assert found["url"] == "/media/renditions/1/abc/card-320.webp"


def test_a_media_root_of_its_own(tmp_path: Path) -> None:
    found = storage_for(tmp_path, MARQUEE_MEDIA_ROOT=str(tmp_path / "pictures"))
    assert found["location"] == str(tmp_path / "pictures")


def test_an_s3_compatible_bucket_by_configuration(tmp_path: Path) -> None:
    found = storage_for(
        tmp_path,
        MARQUEE_MEDIA_S3_BUCKET="marquee-images",
        MARQUEE_MEDIA_S3_ENDPOINT_URL="https://s3.example.net",
        MARQUEE_MEDIA_S3_CUSTOM_DOMAIN="images.example.com",
        MARQUEE_MEDIA_S3_PREFIX="site",
        MARQUEE_IMAGE_MAX_PIXELS="1000000",
    )
    assert found["backend"] == "storages.backends.s3.S3Storage"
    assert found["url"] == "https://images.example.com/site/renditions/1/abc/card-320.webp"
    assert found["cache_control"] == "public, max-age=31536000, immutable"
    assert found["max_pixels"] == 1_000_000
