"""The JSON API for our own clients, version 1: what a citizen can do on the site.

The OpenAPI schema is at ``/api/v1/openapi.json`` and the interactive documentation
at ``/api/v1/docs`` (Swagger UI from django-ninja's own static files, no CDN).
"""

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger
from ninja.renderers import JSONRenderer

from . import alerts, auth, infodesk, reception, reports, tracking, waitlist
from .errors import JSON_PARAMS, install_handlers


class Renderer(JSONRenderer):
    json_dumps_params = JSON_PARAMS  # Cyrillic as it is, not as \u escapes


DESCRIPTION = """
Сигнали, проследяване по номер, карта, информация, въпроси и приемно време.

* **Без вход:** категории, подаване на сигнал (със снимки), публичната част на сигнал,
  карта, проследяване, известия за район (след потвърждение по имейл), база знания,
  въпроси, графици и свободни часове.
* **С вход:** личен ключ (`POST /api/v1/auth/token` с имейл и парола, и `code` от
  приложението за удостоверяване, когато профилът има втори фактор, после заглавие
  `Authorization: Bearer <ключ>`) или сесията на сайта (с `X-CSRFToken` при промени).
* **Списъци:** всеки е на страници `{count, page, pages, page_size, next, previous, items}`;
  `?page=` (от 1) и `?page_size=` (от 1 до 200, по подразбиране 50) избират страницата,
  `next` и `previous` са готови връзки. Страница след последната е празна.
* **Версии:** в `/api/v1/` промените са само добавящи (нови операции, незадължителни
  параметри, полета в отговорите) — пренебрегвайте непознатите полета. Остаряла операция е
  отбелязана `deprecated` тук и отговаря със заглавия `Deprecation`, `Sunset` и
  `Link: <…>; rel="deprecation"`; премахва се само в нова версия (`/api/v2/`).
* **Грешки:** `{"code": "…", "message": "…", "fields": {"поле": ["…"]}}` — 400 при
  невалидни данни, 401 без вход, 404 за непознато или чуждо, 409 при конфликт
  (напр. `slot_taken`), 429 при твърде много анонимни заявки.
"""

api = NinjaAPI(
    title="Електронни услуги – JSON API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api_v1",
    docs=Swagger(settings={"persistAuthorization": True}),
    renderer=Renderer(),
)
install_handlers(api)
for module in (reports, alerts, tracking, infodesk, reception, waitlist, auth):
    api.add_router("", module.router)
