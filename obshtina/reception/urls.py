from .urls_public import urlpatterns as public_patterns
from .urls_staff import urlpatterns as staff_patterns

app_name = "reception"
urlpatterns = public_patterns + staff_patterns
