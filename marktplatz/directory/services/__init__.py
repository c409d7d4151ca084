"""
Writes of the directory, one module per area (import from the module, e.g.
``from marktplatz.directory.services.signup import shop_register``): ``signup`` (a new shop and
its e-mail confirmation), ``profile``, ``images``, ``team`` and ``moderation``.
"""
