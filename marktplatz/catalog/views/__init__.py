"""Catalog views, one module per area, each with its own ``urlpatterns`` (joined in ``catalog/urls.py``)."""
