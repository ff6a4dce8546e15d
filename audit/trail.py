"""Recording to the audit trail: one function every view, command and signal calls."""

from django.conf import settings

from .models import Action, AuditEvent


def client_address(request) -> str | None:
    """Return the client's address; behind a trusted TLS proxy, the one the proxy saw."""
    if request is None:
        return None
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        # The proxy appends the address it accepted the connection from; earlier entries are the client's word.
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR") or None


def route_of(request) -> str:
    """Return the URL name of the request's view (never the path, which may hold a case id only)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    step = match.kwargs.get("step")
    return f"{match.view_name}:{step}" if step else match.view_name


def record(
    action: Action,
    *,
    request=None,
    user=None,
    clinic_id: int | None = None,
    case_id=None,
    route: str = "",
    **detail,
) -> AuditEvent:
    """Append one event; who and where come from the request unless given."""
    if user is None and request is not None:
        user = getattr(request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    if clinic_id is None and user is not None:
        membership = getattr(user, "membership", None)
        clinic_id = membership.clinic_id if membership else None
    return AuditEvent.objects.create(
        action=action,
        user=user,
        username=detail.pop("username", "") or (user.get_username() if user else ""),
        clinic_id=clinic_id,
        case_id=case_id,
        address=client_address(request),
        route=route or (route_of(request) if request is not None else ""),
        detail=detail,
    )


def record_case_view(request, case) -> None:
    """Record that this request shows a case's patient data, once per request and case."""
    seen = request.__dict__.setdefault("_audited_cases", set())
    if case.pk in seen:
        return
    seen.add(case.pk)
    record(Action.VIEW, request=request, clinic_id=case.clinic_id, case_id=case.pk, method=request.method)
