"""The review's criteria findings, built in Python: a review lists some thirty criteria, each with its citation."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from .markup import escape

register = template.Library()


def fix_button(url: str, step_title: str) -> str:
    """Return the button to the step that fixes a finding or hold; readers get none (no URL)."""
    if not url:
        return ""
    return f'<a class="btn btn-sm btn-outline-primary" href="{escape(url)}">Fix in {escape(step_title)}</a>'


def citation_html(criterion) -> str:
    """Return a criterion's citation line: source, section, effective date, confidence, weight, id and URL."""
    cited = criterion.citation
    section = f", {escape(cited.section)}" if cited.section else ""
    effective = f"effective {cited.effective:%b %-d, %Y}" if cited.effective else "effective date not on file"
    if cited.verify_with_payer:
        weight = "never blocking"
    else:
        weight = "required" if criterion.required else "recommended"
    url = f' · <span class="text-break">{escape(cited.url)}</span>' if cited.url else ""
    return (
        f'<div class="small text-secondary mt-1 citation">{escape(cited.source)}{section} · {effective}'
        f' · <span class="confidence-{escape(cited.confidence.value)}">{escape(cited.confidence.label)}</span>'
        f" · {weight} · <code>{escape(criterion.id)}</code>{url}</div>"
    )


def finding_html(row) -> str:
    """Return one criterion's finding: its status, text, the step that fixes it, the evidence and citation."""
    result = row.result
    criterion = result.criterion
    fix = fix_button(row.fix_url, row.step_title)
    return (
        f'<li class="finding border rounded p-2 mb-2" id="finding-{escape(criterion.id)}">'
        '<div class="d-flex flex-wrap gap-2 align-items-baseline">'
        f'<span class="badge finding-{escape(result.status.value)}">{escape(result.status.label)}</span>'
        f'<span class="fw-semibold me-auto">{escape(criterion.text)}</span>{fix}</div>'
        f'<div class="small mt-1">{escape(result.finding.evidence)}</div>{citation_html(criterion)}</li>'
    )


@register.simple_tag
def findings(rows) -> SafeString:
    """Return the list items of one group of findings."""
    return mark_safe("".join(finding_html(row) for row in rows))  # noqa: S308 - escaped as built


def hold_html(item: dict) -> str:
    """Return one safety hold: its state, what it waits for, the step that fixes it, evidence and citation."""
    hold = item["hold"]
    cited = hold.citation
    label = str(hold.status.label)
    badge = "On hold" if hold.open else escape(label[:1].upper() + label[1:])
    until = f" — on hold until {escape(hold.until)}" if hold.open else ""
    fix = fix_button(item["fix_url"], item["step_title"])
    if hold.open:
        weight = "holds the request; issuing needs an override that names it"
    elif hold.status.value == "caution":
        weight = escape(label)
    else:
        weight = "not documented: verify"
    section = f", {escape(cited.section)}" if cited.section else ""
    return (
        f'<li class="hold border rounded p-2 mb-2" id="hold-{escape(hold.id)}">'
        '<div class="d-flex flex-wrap gap-2 align-items-baseline">'
        f'<span class="badge hold-{escape(hold.status.value)}">{badge}</span>'
        f'<span class="fw-semibold me-auto">{escape(hold.title)}{until}</span>{fix}</div>'
        f'<div class="small mt-1">{escape(hold.evidence)}</div>'
        f'<div class="small text-secondary mt-1 citation">{escape(cited.source)}{section}'
        f' · <span class="confidence-{escape(cited.confidence.value)}">{escape(cited.confidence.label)}</span>'
        f" · {weight} · <code>{escape(hold.id)}</code></div></li>"
    )


def caution_html(item: dict) -> str:
    """Return one caution: shown beside the holds, never holding the request."""
    caution = item["caution"]
    fix = f' <a class="small" href="{escape(item["fix_url"])}">Fix in Safety</a>' if item["fix_url"] else ""
    return (
        f'<li class="caution border rounded p-2 mb-2" id="caution-{escape(caution.id)}">'
        f'<span class="badge text-bg-warning">Caution</span> {escape(caution.text)} '
        f'<span class="small text-secondary">(shown, not a hold)</span>{fix}</li>'
    )


@register.simple_tag
def holds_and_cautions(holds, cautions) -> SafeString:
    """Return the list items of the safety holds, then the cautions."""
    html = "".join(hold_html(item) for item in holds) + "".join(caution_html(item) for item in cautions)
    return mark_safe(html)  # noqa: S308 - escaped as built


def risk_html(item: dict) -> str:
    """Return one denial risk: its title, whether it blocks, its sources and each gap with its fix."""
    risk = item["risk"]
    blocks = ' <span class="badge verdict-does_not_meet">Blocks sending</span>' if item["blocks"] else ""
    gaps = "".join(
        ('<li class="gap-blocks"><strong>Blocks:</strong> ' if gap.blocks else "<li>")
        + escape(gap.message)
        + (f' <a href="{escape(url)}">Fix in {escape(step_title)}</a>' if url else "")
        + "</li>"
        for gap, step_title, url in item["gaps"]
    )
    return (
        f'<li class="border rounded p-2 mb-2"><div class="fw-semibold">{escape(risk.title)}{blocks}'
        f' <span class="small text-secondary fw-normal">[{escape(risk.sources)}]</span></div>'
        f'<ul class="small mb-0">{gaps}</ul></li>'
    )


@register.simple_tag
def risk_items(risks) -> SafeString:
    """Return the list items of the denial risks found before submission."""
    return mark_safe("".join(risk_html(item) for item in risks))  # noqa: S308 - escaped as built
