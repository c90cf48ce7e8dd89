from django.urls import path

from . import views

urlpatterns = [
    path("referrals/", views.search, name="referrals"),
    path("referrals/new/", views.create, name="referral-new"),
    path("referrals/mine/", views.mine, name="referrals-mine"),
    path("referrals/approvals/", views.approvals, name="referral-approvals"),
    path("referrals/<str:uid>/", views.detail, name="referral"),
    path("referrals/<str:uid>/edit/", views.edit, name="referral-edit"),
    path("referrals/<str:uid>/editors/", views.editors, name="referral-editors"),
    path("referrals/<str:uid>/decide/", views.decide, name="referral-decide"),
]
