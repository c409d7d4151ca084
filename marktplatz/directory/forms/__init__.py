"""Forms of the directory, one module per area (e.g. ``forms.signup`` for the sign-up form)."""
