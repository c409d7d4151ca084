"""Writes of the catalog; each module holds one area (products, pictures, CSV import/export, moderation)."""
