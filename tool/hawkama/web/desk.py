"""The committee's desk: portfolio, project page, review record, history, reports.

Every figure comes from the code the CLI runs (see desk_data, reports); this module only
reads forms, checks roles and renders. Projects are looked up by id among the files
projects.assessment_files found, so no address names a path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

from hawkama.committee import record
from hawkama.committee.dates import parse_date
from hawkama.errors import HawkamaError
from hawkama.models.assessment import Review
from hawkama.service import Scored, score_files
from hawkama.web import audit, submissions
from hawkama.web.answering import file_lock
from hawkama.web.auth import Member, checked_form, require_member
from hawkama.web.desk_data import Filters, history, portfolio
from hawkama.web.projects import assessment_files, relative
from hawkama.web.render import lang_of
from hawkama.web.render import page as render_page
from hawkama.web.reports import Job, Reports
from hawkama.web.submissions import Submission
from hawkama.web.text import LANGS, t

MAX_TEXT = 20_000  # one field of the review form
SAVED = {"review": "review_saved", "sent_back": "send_back_done"}


def page(request: Request, template: str, status: int = 200, **context: Any) -> Response:
    """A desk page: rubric texts (mappings of language -> text) shown through ``loc``."""
    lang = lang_of(request)
    return render_page(request, template, status, loc=lambda v: _localised(v, lang), **context)


def _who(request: Request, who: Member) -> str:
    lang = lang_of(request)
    return t("signed_in_as", lang, name=who.name, role=t(f"role_{who.role}", lang))


def _project(request: Request) -> tuple[str, Path]:
    pid = request.path_params["pid"]
    path = assessment_files(request.app.state.desk.folder).get(pid)
    if path is None:
        raise HTTPException(404)
    return pid, path


def reports(request: Request) -> Reports:
    found: Reports = request.app.state.reports
    return found


def portfolio_page(request: Request) -> Response:
    who = require_member(request)
    desk = request.app.state.desk
    q = request.query_params
    filters = Filters(
        governorate=q.get("governorate", "")[:200],
        sector=q.get("sector", "")[:200],
        verdict=q.get("verdict", "")[:200],
        overdue=q.get("overdue") == "1",
    )
    files = sorted(assessment_files(desk.folder).values())
    p, choices = portfolio(files, desk.now().date(), filters) if files else (None, None)
    return page(
        request,
        "desk/portfolio.html.j2",
        p=p,
        choices=choices,
        filters=filters,
        who=_who(request, who),
    )


def _scored(path: Path) -> Scored:
    return score_files([path])[0]


def project_page(request: Request) -> Response:
    who = require_member(request)
    pid, path = _project(request)
    lang = lang_of(request)
    saved = SAVED.get(request.query_params.get("saved", ""))
    ctx = _project_context(request, pid, path, lang, who, saved=saved)
    return page(request, "desk/project.html.j2", **ctx)


def _project_context(
    request: Request,
    pid: str,
    path: Path,
    lang: str,
    who: Member,
    saved: str | None = None,
    comment_error: str | None = None,
) -> dict[str, Any]:
    from hawkama.engine.explain import explain
    from hawkama.policy.decision import expected_decision

    s = _scored(path)
    desk = request.app.state.desk
    return {
        "pid": pid,
        "file": relative(desk.folder, path),
        "s": s,
        "r": s.result,
        "review": s.assessment.review,
        "usual": expected_decision(s.policy, s.result.verdict.id),
        "reasons": explain(s.policy, s.result, lang=lang),
        "job": reports(request).get(pid, lang),
        "submission": _submission(request, pid),
        "who": _who(request, who),
        "role": who.role,
        "request_saved": saved,
        "comment_error": comment_error,
    }


def _localised(value: dict[str, str] | None, lang: str) -> str:
    from hawkama.locale import text

    return text(value, lang) if value else ""


# -- review record -------------------------------------------------------------------


def _form_values(review: Review | None) -> dict[str, str]:
    """The review as the form shows it: the same one-line shapes the CLI options take."""
    if review is None:
        return {k: "" for k in ("reviewers", "conflicts", "decision", "justification")} | {
            "conditions": "",
            "decided": "",
        }
    reviewers = [
        "|".join([r.name, r.role or "", r.organisation or ""]).rstrip("|") for r in review.reviewers
    ]
    conditions = [
        "|".join(
            [c.text, ",".join(c.answers), c.owner or "", c.due.isoformat() if c.due else ""]
        ).rstrip("|")
        for c in review.conditions
    ]
    return {
        "reviewers": "\n".join(reviewers),
        "conflicts": review.conflicts or "",
        "decision": review.decision or "",
        "justification": review.justification or "",
        "conditions": "\n".join(conditions),
        "decided": review.decided.isoformat() if review.decided else "",
    }


def _review_page(
    request: Request,
    pid: str,
    path: Path,
    who: Member,
    values: dict[str, str],
    errors: dict[str, str],
    status: int = 200,
    note: str | None = None,
    form_done: list[str] | None = None,
) -> Response:
    from hawkama.models.common import Decision
    from hawkama.policy.decision import expected_decision

    s = _scored(path)
    return page(
        request,
        "desk/review.html.j2",
        status,
        pid=pid,
        r=s.result,
        usual=expected_decision(s.policy, s.result.verdict.id),
        decisions=get_args(Decision),
        values=values,
        recorded=s.assessment.review.conditions if s.assessment.review else [],
        ticked=set(form_done) if form_done is not None else None,
        errors=errors,
        note=note,
        version=audit.file_sha256(path) or "",
        chair=who.role == "chair",
        who=_who(request, who),
    )


def review_form(request: Request) -> Response:
    who = require_member(request)
    pid, path = _project(request)
    return _review_page(request, pid, path, who, _form_values(_scored(path).assessment.review), {})


def _field(form: FormData, name: str) -> str:
    value = form.get(name, "")
    return value[:MAX_TEXT] if isinstance(value, str) else ""


def _changes(
    form: FormData, chair: bool, today: Any
) -> tuple[record.ReviewChanges, dict[str, str]]:
    """The form as `hawkama review` options, each parsed as the command parses it."""
    errors: dict[str, str] = {}
    changes = record.ReviewChanges(conflicts=_field(form, "conflicts").strip())
    for name, parse, target in (
        ("reviewers", record.parse_reviewer, changes.reviewers),
        ("conditions", record.parse_condition, changes.conditions),
    ):
        for line in _field(form, name).splitlines():
            if line.strip():
                try:
                    target.append(parse(line))  # type: ignore[arg-type]
                except HawkamaError as exc:
                    errors.setdefault(name, exc.format_message())
    # Conditions met: ticked by number (`hawkama review --done N`); the recorded ones come
    # ticked, so saving the form again keeps them met.
    ticked = form.getlist("done")[:200]
    changes.done = [int(v) for v in ticked if isinstance(v, str) and v.isdigit() and len(v) < 6]
    changes.justification = _field(form, "justification").strip()
    if chair:
        changes.decision = _field(form, "decision") or ""
    decided = _field(form, "decided").strip()
    if decided:
        try:
            changes.decided = parse_date(decided, "decision date")
        except HawkamaError as exc:
            errors["decided"] = exc.format_message()
    elif changes.decision:
        changes.decided = today
    return changes, errors


def _issue_field(loc: tuple[str | int, ...]) -> str:
    # A departure without a reason is fixed in the justification; a bad link in a condition.
    return {"decision": "justification", "conditions": "conditions"}.get(str(loc[1]), "form")


def _review_issues(path: Path, changes: record.ReviewChanges) -> dict[str, str]:
    """What `hawkama review` would refuse, by form field (the same checks and messages)."""
    from hawkama.policy.decision import check_review

    s = _scored(path)
    try:
        merged = record.merge(s.assessment.review, changes)
    except HawkamaError as exc:
        return {"conditions" if "--done" in str(exc) else "form": exc.format_message()}
    errors: dict[str, str] = {}
    for issue in check_review(s.policy, merged, s.result):
        errors.setdefault(_issue_field(issue.loc), issue.message)
    return errors


async def save_review(request: Request) -> Response:
    form = await checked_form(request)
    return await run_in_threadpool(_save_review, request, form)


def _save_review(request: Request, form: FormData) -> Response:
    from hawkama.committee.review import run
    from hawkama.models.common import Decision

    who = require_member(request)
    pid, path = _project(request)
    desk = request.app.state.desk
    chair = who.role == "chair"
    posted = {k: _field(form, k) for k in _form_values(None)}
    if posted["decision"] and not chair:
        raise HTTPException(403)  # the decision is the chair's
    if posted["decision"] and posted["decision"] not in get_args(Decision):
        allowed = ", ".join(get_args(Decision))
        problem = f"{posted['decision']!r} is not a decision; allowed: {allowed}"
        return _review_page(request, pid, path, who, posted, {"decision": problem}, 422)
    with file_lock(path):  # no save through the desk between the check and the write
        before = audit.file_sha256(path)
        if _field(form, "version") != before:
            current = _form_values(_scored(path).assessment.review)
            return _review_page(request, pid, path, who, current, {}, 409, note="stale")
        changes, errors = _changes(form, chair, desk.now().date())
        if not errors:
            errors = _review_issues(path, changes)
        if errors:
            done = [str(v) for v in form.getlist("done")]
            return _review_page(request, pid, path, who, posted, errors, 422, form_done=done)
        run(path, changes)
    audit.record(
        desk.folder,
        f"user:{who.name}",
        "review recorded" + (f": decision {changes.decision}" if changes.decision else ""),
        desk.now(),
        file=relative(desk.folder, path),
        before=before,
        after=audit.file_sha256(path),
    )
    return RedirectResponse(f"/desk/p/{pid}?saved=review", status_code=303)


# -- history, send back, reports ------------------------------------------------------


def history_page(request: Request) -> Response:
    who = require_member(request)
    pid, path = _project(request)
    return page(
        request, "desk/history.html.j2", pid=pid, steps=history(path), who=_who(request, who)
    )


def _submission(request: Request, pid: str) -> Submission | None:
    return submissions.current(request.app.state.desk.folder, pid)


async def send_back(request: Request) -> Response:
    form = await checked_form(request)
    return await run_in_threadpool(_send_back, request, form)


def _send_back(request: Request, form: FormData) -> Response:
    who = require_member(request, "chair", "secretary")
    pid, path = _project(request)
    desk = request.app.state.desk
    comment = _field(form, "comment").strip()
    lang = lang_of(request)
    problem = None
    if not comment:
        problem, status = "comment_required", 422
    elif not submissions.send_back(desk.folder, pid, who.name, comment, desk.now()):
        problem, status = "send_back_not_submitted", 409
    if problem:
        ctx = _project_context(request, pid, path, lang, who, comment_error=problem)
        return page(request, "desk/project.html.j2", status, **ctx)
    sha = audit.file_sha256(path)
    audit.record(
        desk.folder,
        f"user:{who.name}",
        "sent back to the proposer",
        desk.now(),
        file=relative(desk.folder, path),
        before=sha,
        after=sha,
    )
    return RedirectResponse(f"/desk/p/{pid}?saved=sent_back", status_code=303)


async def issue_report(request: Request) -> Response:
    form = await checked_form(request)  # first: a forged form learns nothing
    who = require_member(request, "chair")
    pid, path = _project(request)
    desk = request.app.state.desk
    lang = _field(form, "lang")
    if lang not in LANGS:
        raise HTTPException(404)
    rel = relative(desk.folder, path)

    def finished(job: Job) -> None:
        what = f"report {job.report_id} issued ({lang})" if job.state == "done" else "report failed"
        sha = audit.file_sha256(path)
        audit.record(desk.folder, f"user:{who.name}", what, desk.now(), rel, sha, sha)

    reports(request).start(pid, path, lang, finished)
    return RedirectResponse(f"/desk/p/{pid}/report/{lang}", status_code=303)


def report_status(request: Request) -> Response:
    who = require_member(request)
    pid, _ = _project(request)
    lang = request.path_params["lang"]
    if lang not in LANGS:
        raise HTTPException(404)
    job = reports(request).get(pid, lang)
    if job is None:
        raise HTTPException(404)
    return page(
        request, "desk/report.html.j2", pid=pid, job=job, report_lang=lang, who=_who(request, who)
    )


def report_download(request: Request) -> Response:
    require_member(request)
    pid, _ = _project(request)
    lang = request.path_params["lang"]
    job = reports(request).get(pid, lang if lang in LANGS else "")
    if job is None or job.state != "done" or job.path is None or not job.path.is_file():
        raise HTTPException(404)
    return FileResponse(job.path, media_type="application/pdf", filename=job.path.name)


def routes() -> list[Route]:
    return [
        Route("/desk", portfolio_page),
        Route("/desk/p/{pid}", project_page),
        Route("/desk/p/{pid}/review", review_form, methods=["GET"]),
        Route("/desk/p/{pid}/review", save_review, methods=["POST"]),
        Route("/desk/p/{pid}/history", history_page),
        Route("/desk/p/{pid}/send-back", send_back, methods=["POST"]),
        Route("/desk/p/{pid}/report", issue_report, methods=["POST"]),
        Route("/desk/p/{pid}/report/{lang}", report_status),
        Route("/desk/p/{pid}/report/{lang}/pdf", report_download),
    ]


__all__ = ["Reports", "routes"]
