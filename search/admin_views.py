"""The admin report of what visitors search, for the Communication group.

Wagtail's own "Search terms" report is for superusers only and does not tell which
queries found nothing; this one lists the most frequent queries of a period with their
last number of results, the queries without result flagged (a status tag and a row
class, not colour alone), and can show those only.
"""

from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django_filters import BooleanFilter, DateFromToRangeFilter
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn, StatusTagColumn, Table
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.models import Query


class VisitorSearchesFilterSet(WagtailFilterSet):
    hit_date = DateFromToRangeFilter(label=_("Date"), field_name="daily_hits__date", widget=DateRangePickerWidget)
    no_result = BooleanFilter(label=_("Sans résultat"), method="filter_no_result")

    class Meta:
        model = Query
        fields = []

    def filter_no_result(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(outcome__result_count=0) if value else queryset.exclude(outcome__result_count=0)


class ResultCountColumn(StatusTagColumn):
    """The last number of results; "aucun résultat" as a highlighted status tag."""

    def get_value(self, instance):
        count = instance.result_count
        if count is None:
            return "—"
        return _("aucun résultat") if count == 0 else str(count)

    def get_primary(self, instance):
        return instance.result_count == 0


class VisitorSearchesTable(Table):
    def get_row_classname(self, instance):
        return "search-report__no-result" if instance.result_count == 0 else ""


class VisitorSearchesReportView(ReportView):
    page_title = _("Recherches des visiteurs")
    header_icon = "search"
    index_url_name = "search_report"
    index_results_url_name = "search_report_results"
    permission_policy = None
    is_searchable = True
    search_fields = ["query_string"]
    filterset_class = VisitorSearchesFilterSet
    default_ordering = "-_hits"
    table_class = VisitorSearchesTable
    columns = [
        Column("query_string", label=_("Recherche"), sort_key="query_string"),
        NumberColumn("_hits", label=_("Nombre de recherches"), sort_key="_hits"),
        ResultCountColumn("result_count", label=_("Résultats (dernière recherche)"), sort_key="result_count"),
    ]
    list_export = ["query_string", "_hits", "result_count"]
    export_headings = {
        "query_string": _("Recherche"),
        "_hits": _("Nombre de recherches"),
        "result_count": _("Résultats (dernière recherche)"),
    }

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        kwargs["queryset"] = self.get_base_queryset()
        return kwargs

    def get_base_queryset(self):
        return Query.get_most_popular().annotate(result_count=F("outcome__result_count"))

    def user_has_permission(self, permission):
        return self.request.user.has_perm("search.view_search_report")

    def dispatch(self, request, *args, **kwargs):
        from wagtail.admin.auth import permission_denied

        if not request.user.has_perm("search.view_search_report"):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)
