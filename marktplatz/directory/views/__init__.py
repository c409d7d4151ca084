"""
Directory views, one module per area; each module brings its own ``urlpatterns`` which
``directory/urls.py`` joins: ``search`` (home, directory search), ``shop`` (public shop page,
poster), ``signup`` (sign-up and e-mail confirmation), ``backoffice`` (the owner's pages).
"""
