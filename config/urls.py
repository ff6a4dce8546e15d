"""Top-level URLs: accounts, admin and the case wizard app."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from clinic.views.welcome import welcome
from wizard.views import drafts, session

# Browsers ask for /favicon.ico on every page, signed in or not, including the letter preview.
# Lazy: the hashed name is looked up in collectstatic's manifest at the first request, not at import.
favicon = login_not_required(RedirectView.as_view(url=lazy(static, str)("favicon.svg"), permanent=True))

# A locked database met outside a view still gets the 503 page, not a server error.
handler500 = "wizard.database_busy.server_error"

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("favicon.ico", favicon),
    path("clinic/", include("clinic.urls")),
    path("welcome/<str:token>/", welcome, name="welcome"),
    path("session/status/", session.status, name="session_status"),
    path("session/keep-alive/", session.keepalive, name="session_keepalive"),
    path("cases/<uuid:case_id>/edit/<str:step>/draft/", drafts.step_draft, name="case_step_draft"),
    path("", include("wizard.urls")),
]
