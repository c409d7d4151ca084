from .views import backoffice, imports, public

app_name = "catalog"

urlpatterns = [*public.urlpatterns, *backoffice.urlpatterns, *imports.urlpatterns]
