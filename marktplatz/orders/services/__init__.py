"""Writes of the orders app: placing a checkout (``placing``), status changes (``workflow``)."""
