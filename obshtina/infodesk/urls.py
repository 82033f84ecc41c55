from django.urls import path

from obshtina.casework.views import kind_queue
from obshtina.organization.permissions import KIND_QUESTION

from .views import console, editor, public, questions

app_name = "infodesk"

urlpatterns = [
    # The public knowledge base (public.py)
    path("", public.index, name="index"),
    path("search/", public.search, name="search"),
    path("services/", public.services, name="services"),
    path("services/<str:slug>/", public.service, name="service"),
    path("regulations/", public.regulations, name="regulations"),
    path("regulations/<str:slug>/", public.regulation, name="regulation"),
    path("units/", public.units, name="units"),
    path("units/<str:slug>/", public.unit, name="unit"),
    path("themes/<str:slug>/", public.theme, name="theme"),
    path("faq/", public.faq, name="faq"),
    # Questions (questions.py)
    path("ask/", questions.ask, name="ask"),
    path("ask/sent/<str:token>/", questions.sent, name="question_sent"),
    path("q/<str:number>/", questions.question, name="question"),
    path("q-access/<str:token>/", questions.question_access, name="question_access"),
    path("staff/questions/", kind_queue(KIND_QUESTION), name="question_queue"),
    path("staff/questions/<str:number>/", questions.manage, name="question_manage"),
    # The editors' pages (editor.py)
    path("staff/editor/", editor.index, name="editor"),
    path("staff/editor/services/new/", editor.service_edit, name="editor_service_new"),
    path("staff/editor/services/<int:pk>/", editor.service_edit, name="editor_service"),
    path("staff/editor/regulations/new/", editor.regulation_edit, name="editor_regulation_new"),
    path("staff/editor/regulations/<int:pk>/", editor.regulation_edit, name="editor_regulation"),
    # The operator console (console.py)
    path("console/", console.console, name="console"),
    path("console/search/", console.knowledge_search, name="console_search"),
    path("console/caller/", console.caller_lookup, name="console_caller"),
    path("console/report/", console.register_report, name="console_report"),
    path("console/question/", console.register_question, name="console_question"),
    path("console/call/", console.log_call, name="console_call"),
    path("console/calls/", console.call_log, name="console_calls"),
]
