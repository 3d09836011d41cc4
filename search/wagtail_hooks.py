from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import VisitorSearchesReportView


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/recherches/", VisitorSearchesReportView.as_view(), name="search_report"),
        path(
            "reports/recherches/results/",
            VisitorSearchesReportView.as_view(results_only=True),
            name="search_report_results",
        ),
    ]


class VisitorSearchesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_search_report")


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return VisitorSearchesMenuItem(
        _("Recherches des visiteurs"), reverse("search_report"), name="visitor-searches", icon_name="search", order=1250
    )
