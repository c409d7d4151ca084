from .views import backoffice, search, shop, signup

app_name = "directory"

urlpatterns = [*search.urlpatterns, *shop.urlpatterns, *signup.urlpatterns, *backoffice.urlpatterns]
