"""
The search index, shared by every kind of document (shops now, products next).

``SearchDocument`` holds one row per indexed object: its kind, its id and three texts of falling
weight, already normalised by :func:`marktplatz.search.text.tokens`. What each engine needs on
top is created by migration ``0002`` on that engine only and is invisible to the ORM:

- PostgreSQL: the generated column ``vector`` (``setweight(to_tsvector('german', …))`` of the
  three texts as weights A, B, C) with a GIN index, and a ``gin_trgm_ops`` index on
  ``SearchTerm.word``.
- SQLite: the FTS5 table ``search_document_fts(title, keywords, body)`` holding the stems, with
  ``rowid`` = ``SearchDocument.id``.

``SearchTerm`` is the vocabulary (words without umlauts) that typo tolerance looks up.
``ShopSearchDocument`` is a window on the same table that gives ``Shop.search_documents`` for joins.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    kind = models.CharField(_("kind"), max_length=20)
    object_id = models.BigIntegerField(_("object id"))
    title = models.TextField(_("title (weight A)"), blank=True)
    keywords = models.TextField(_("keywords (weight B)"), blank=True)
    body = models.TextField(_("body (weight C)"), blank=True)
    indexed_at = models.DateTimeField(_("indexed"), default=timezone.now)

    class Meta:
        db_table = "search_document"
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique_object")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"


class SearchTerm(models.Model):
    kind = models.CharField(_("kind"), max_length=20)
    word = models.CharField(_("word"), max_length=40)
    length = models.PositiveSmallIntegerField(_("length"))

    class Meta:
        db_table = "search_term"
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        constraints = [models.UniqueConstraint(fields=["kind", "word"], name="search_term_unique_word")]
        indexes = [models.Index(fields=["kind", "length"], name="search_term_length")]

    def __str__(self) -> str:
        return self.word


class ShopSearchDocument(models.Model):
    """
    The shops' rows of ``search_document`` seen from the shop (no table of its own): it gives
    ``Shop.search_documents``, so that a shop query joins its document instead of running a
    subquery per shop. Every kind of document gets such a model (``ProductSearchDocument``, …).
    """

    kind = models.CharField(max_length=20)
    shop = models.ForeignKey(
        "directory.Shop",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_column="object_id",
        related_name="search_documents",
    )

    class Meta:
        managed = False
        db_table = "search_document"

    def __str__(self) -> str:
        return f"{self.kind} {self.shop_id}"


class ProductSearchDocument(models.Model):
    """The products' rows of ``search_document`` seen from the product: gives ``Product.search_documents``."""

    kind = models.CharField(max_length=20)
    product = models.ForeignKey(
        "catalog.Product",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_column="object_id",
        related_name="search_documents",
    )

    class Meta:
        managed = False
        db_table = "search_document"

    def __str__(self) -> str:
        return f"{self.kind} {self.product_id}"
