"""What goes wrong in Open311, as the spec wants it: 404 for what does not exist,
403 for a missing or wrong api_key, 400 for anything else (429 for a flood); and
what HTTP adds: 405 for a method an address does not take, 500 for our own fault,
503 while the database cannot be reached."""

from django.utils.translation import gettext_lazy as _


class Open311Error(Exception):
    """Raised by an endpoint; ``open311_endpoint`` answers with the spec's error list."""

    def __init__(self, status: int, *descriptions, headers: dict | None = None):
        super().__init__(*descriptions)
        self.status = status
        self.descriptions = descriptions
        self.headers = headers or {}


NO_SUCH_RESOURCE = _("Няма такъв адрес. Наличните са описани в discovery.xml.")
METHOD_NOT_ALLOWED = _("Методът %(method)s не се поддържа тук; използвайте %(allowed)s.")
MISSING_API_KEY = _(
    "Липсва api_key. Ключ за подаване на сигнали се получава от администратора на платформата."
)
INVALID_API_KEY = _("Ключът api_key не е валиден или е спрян.")
UNKNOWN_SERVICE = _("Няма вид сигнал с код „%(code)s“.")
NO_SERVICE_CODE = _("Посочете service_code – вида на сигнала.")
UNKNOWN_REQUEST = _("Няма публичен сигнал с номер „%(number)s“.")
UNKNOWN_TOKEN = _("Няма такъв token.")
RATE_LIMITED = _(
    "От този адрес бяха изпратени много сигнали за кратко време. "
    "Опитайте отново след няколко минути."
)
RATE_LIMITED_KEY = _(
    "С този ключ (api_key) бяха изпратени повече сигнали, отколкото е договорено за този "
    "период. Опитайте отново по-късно."
)
NUL_CHARACTER = _("Съдържа непозволения знак NUL (0x00).")
UNREADABLE_REQUEST = _("Заявката не може да бъде прочетена (твърде голяма или повредена).")
SERVER_ERROR = _("Грешка в сървъра. Тя е записана и ще бъде отстранена; опитайте отново по-късно.")
UNAVAILABLE = _("Услугата временно не е достъпна. Опитайте отново след малко.")
FORBIDDEN = _("Достъпът е отказан.")
TOO_LARGE = _("Заявката е твърде голяма.")

# What no endpoint answered itself (config/errors.py), by status.
DESCRIPTIONS_BY_STATUS = {
    400: UNREADABLE_REQUEST,
    403: FORBIDDEN,
    404: NO_SUCH_RESOURCE,
    413: TOO_LARGE,
    500: SERVER_ERROR,
    503: UNAVAILABLE,
}
