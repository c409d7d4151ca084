"""Catalog forms, one module per area."""
