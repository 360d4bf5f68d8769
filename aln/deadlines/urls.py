from django.urls import path

from aln.deadlines.views import calendar, dashboard, feed, settings

app_name = "deadlines"

urlpatterns = [
    # Deadlines dashboard and acting on one deadline
    path("", dashboard.DeadlineListView.as_view(), name="deadline-list"),
    path("<uuid:deadline_id>/done/", dashboard.DeadlineMeetView.as_view(), name="deadline-meet"),
    path(
        "<uuid:deadline_id>/missed-reason/",
        dashboard.DeadlineMissedReasonView.as_view(),
        name="deadline-missed-reason",
    ),
    # Private calendar feed of a user's deadlines
    path("calendar-feed/", feed.FeedManageView.as_view(), name="feed-manage"),
    path("calendar-feed/<str:token>.ics", feed.FeedView.as_view(), name="feed"),
    # Term dates and closures
    path("term-dates/", calendar.CalendarView.as_view(), name="calendar"),
    path("term-dates/terms/add/", calendar.TermCreateView.as_view(), name="term-create"),
    path("term-dates/terms/<uuid:term_id>/", calendar.TermUpdateView.as_view(), name="term-update"),
    path(
        "term-dates/terms/<uuid:term_id>/delete/",
        calendar.TermDeleteView.as_view(),
        name="term-delete",
    ),
    path("term-dates/closures/add/", calendar.ClosureCreateView.as_view(), name="closure-create"),
    path(
        "term-dates/closures/<uuid:closure_id>/delete/",
        calendar.ClosureDeleteView.as_view(),
        name="closure-delete",
    ),
    path("term-dates/import/", calendar.CalendarImportView.as_view(), name="calendar-import"),
    # LA clock settings
    path("settings/", settings.ClockSettingsView.as_view(), name="clock-settings"),
]
