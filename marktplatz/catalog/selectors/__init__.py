"""Reads of the catalog: ``public`` (customers, API) and ``backoffice`` (a shop's own products)."""
