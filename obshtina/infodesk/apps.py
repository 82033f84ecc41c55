from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfodeskConfig(AppConfig):
    name = "obshtina.infodesk"
    verbose_name = _("Информация и контактен център")

    def ready(self):
        from obshtina.accounts import sections
        from obshtina.casework.workspace import register_work_source

        from .selectors.questions import (
            my_filed_questions,
            my_questions_export,
            my_questions_section,
        )
        from .selectors.work import WORK_SOURCE
        from .services.questions import questions_forget_author

        sections.register_profile_section("questions", my_questions_section)
        sections.register_filed_items("questions", _("Въпроси"), my_filed_questions)
        sections.register_export_section("questions", my_questions_export)
        sections.register_deletion_hook(questions_forget_author)
        register_work_source(WORK_SOURCE)
