"""URLs: frameworks, plans (with their steps and approved versions), results, activities, indicators,
targets and measurements."""

from django.urls import path

from mignet.core.views import record_urls

from ..views import records as views

urlpatterns = [
    path("plans/frameworks/", views.FrameworksView.as_view(), name="frameworks"),
    path("plans/frameworks/gcm/<int:number>/", views.GCMObjectivePageView.as_view(), name="framework-gcm"),
    path(
        "plans/frameworks/principles/<int:number>/",
        views.GuidingPrinciplePageView.as_view(),
        name="framework-principle",
    ),
    path("plans/frameworks/sdg/<str:code>/", views.SDGTargetPageView.as_view(), name="framework-sdg"),
    path("plans/frameworks/themes/<int:pk>/", views.ThematicAreaPageView.as_view(), name="framework-theme"),
    *record_urls("plans/framework-items", "frameworkitem", views.framework_item),
    *record_urls("plans/results", "result", views.result),
    *record_urls("plans/indicators", "indicator", views.indicator),
    *record_urls("plans/targets", "target", views.target),
    *record_urls("plans/measurements", "measurement", views.measurement),
    *record_urls("plans", "plan", views.plan),
    path("plans/<int:pk>/submit/", views.PlanSubmitView.as_view(), name="plan-submit"),
    path("plans/<int:pk>/withdraw/", views.PlanWithdrawView.as_view(), name="plan-withdraw"),
    path("plans/<int:pk>/revise/", views.PlanReviseView.as_view(), name="plan-revise"),
    path("plans/<int:pk>/close/", views.PlanCloseView.as_view(), name="plan-close"),
    path("plans/<int:pk>/versions/<int:number>/", views.PlanVersionView.as_view(), name="plan-version"),
    *record_urls("activities", "activity", views.activity),
]
