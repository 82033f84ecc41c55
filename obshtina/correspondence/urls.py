from django.urls import path

from obshtina.casework.views import kind_queue

from .views import citizen, desk, platform, procedure, register

app_name = "correspondence"

urlpatterns = [
    # Citizens (citizen.py)
    path("new/", citizen.file_new, name="new"),
    path("mine/", citizen.my_documents, name="mine"),
    path("d/<str:number>/", citizen.detail, name="detail"),
    path("d/<str:number>/files/<int:pk>/", citizen.attachment, name="attachment"),
    path("d/<str:number>/clarify/", procedure.clarify, name="clarify"),
    path("d/<str:number>/confirm-access/", procedure.confirm_access, name="confirm_access"),
    # The registry desk (desk.py)
    path("desk/", kind_queue("documents"), name="desk"),
    path("desk/register/", platform.register, name="platform_register"),
    path("desk/<str:number>/", desk.manage, name="manage"),
    # The national platform for access to public information (platform.py)
    path("desk/<str:number>/decision.pdf", platform.decision_pdf_download, name="decision_pdf"),
    path("desk/<str:number>/decision.json", platform.decision_data_download, name="decision_data"),
    # Access-to-information statistics (procedure.py)
    path("desk-report/", procedure.yearly_report, name="yearly_report"),
    path("desk-report.csv", procedure.yearly_report_csv, name="yearly_report_csv"),
    path("desk/<str:number>/publication/", register.publication_edit, name="publication"),
    # The public register of ЗДОИ answers (register.py)
    path("register/", register.register, name="register"),
    path("register/feed/", register.RegisterFeed(), name="register_feed"),
    path("register/yearly/", register.register_yearly_report, name="register_yearly"),
    path("register/<str:number>/", register.register_entry, name="register_entry"),
]
