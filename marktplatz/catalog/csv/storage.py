"""
Uploaded CSV files and error reports hold a shop's price lists: they are kept outside
``MEDIA_ROOT`` (which the web server publishes) and only served by views that check the shop.

The folder is ``settings.PRIVATE_FILES_ROOT`` if set, else ``var/private`` next to the media
folder (``<MEDIA_ROOT>-private``), read when first used so tests can move ``MEDIA_ROOT``.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateFileStorage(FileSystemStorage):
    """A file system storage without URLs, rooted outside the public media folder."""

    @property
    def base_location(self) -> str:
        configured = getattr(settings, "PRIVATE_FILES_ROOT", None)
        if configured:
            return str(configured)
        media = Path(settings.MEDIA_ROOT)
        return str(media.with_name(media.name + "-private"))

    @property
    def location(self) -> str:
        return str(Path(self.base_location).resolve())

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no URL; serve them through a view that checks access.")


_storage = PrivateFileStorage()


def private_storage() -> PrivateFileStorage:
    """The storage of import files (a callable, so migrations refer to it by name)."""
    return _storage
