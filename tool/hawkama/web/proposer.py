"""The proposer's questionnaire: sections as pages, one form per question, evidence, submit.

Every route checks the invitation again and works only on the file it names; a question
id from the URL is looked up in the policy, never used as a path.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from hawkama.web import audit, submissions, uploads, views
from hawkama.web.answer_form import Edit, read
from hawkama.web.answering import Conflict, Loaded, apply, attach_evidence, file_lock, load
from hawkama.web.auth import checked_form, proposer
from hawkama.web.invites import Invite
from hawkama.web.pages import see_other, who_label
from hawkama.web.render import lang_of, page
from hawkama.web.text import t


def _invite(request: Request) -> Invite:
    inv = proposer(request)
    if inv is None:
        raise HTTPException(403)
    return inv


def _path(request: Request, inv: Invite) -> Path:
    folder: Path = request.app.state.desk.folder
    return folder / inv.file


def _load(request: Request, inv: Invite) -> Loaded:
    return load(_path(request, inv), request.app.state.desk.policies)


def _context(request: Request, inv: Invite, loaded: Loaded) -> dict[str, Any]:
    lang = lang_of(request)
    answered, applicable = views.progress(loaded)
    sub = submissions.current(request.app.state.desk.folder, inv.project)
    return {
        "invite": inv,
        "title": loaded.assessment.project.title,
        "sections": views.sections(loaded, lang),
        "answered": answered,
        "applicable": applicable,
        "percent": round(100 * answered / applicable) if applicable else 100,
        "verdict": views.verdict(loaded, lang),
        "version": loaded.version,
        "submission": sub,
        "locked": sub is not None and sub.locked,
        "who": who_label(request),
    }


def overview(request: Request) -> Response:
    inv = _invite(request)
    loaded = _load(request, inv)
    return page(request, "p_overview.html.j2", **_context(request, inv, loaded), errors={})


def section_page(
    request: Request,
    inv: Invite,
    loaded: Loaded,
    sid: str,
    status: int = 200,
    posted: tuple[str, FormData, dict[str, str]] | None = None,
) -> Response:
    lang = lang_of(request)
    ctx = _context(request, inv, loaded)
    ids = [s.id for s in ctx["sections"]]
    if sid not in ids:
        raise HTTPException(404)
    index = ids.index(sid)
    section = ctx["sections"][index]
    questions = []
    for qid in section.questions:
        if posted and posted[0] == qid:
            form, errors = posted[1], posted[2]
            fields = {k: str(v) for k, v in form.items() if isinstance(v, str)}
            lists = {"value": [str(v) for v in form.getlist("value")]}
            questions.append(views.question(loaded, qid, lang, fields, lists, errors))
        else:
            questions.append(views.question(loaded, qid, lang))
    return page(
        request,
        "p_section.html.j2",
        status,
        **ctx,
        section=section,
        questions=questions,
        previous=ids[index - 1] if index > 0 else None,
        next=ids[index + 1] if index + 1 < len(ids) else None,
        max_evidence_mb=uploads.MAX_EVIDENCE // (1024 * 1024),
    )


def section(request: Request) -> Response:
    inv = _invite(request)
    return section_page(request, inv, _load(request, inv), request.path_params["section"])


@contextmanager
def _question(request: Request, inv: Invite) -> Iterator[tuple[Loaded, str, str]]:
    """The file (locked for this server's other saves), the question asked for and its section."""
    _refuse_if_locked(request, inv)
    qid = request.path_params["qid"]
    with file_lock(_path(request, inv)):
        loaded = _load(request, inv)
        qd = loaded.ps.questions.get(qid)
        if qd is None or not loaded.result.question(qid).applies:
            raise HTTPException(404)
        yield loaded, qid, views.section_of(qd)


def _refuse_if_locked(request: Request, inv: Invite) -> None:
    if submissions.is_locked(request.app.state.desk.folder, inv.project):
        raise HTTPException(409, "locked")


async def save(request: Request) -> Response:
    inv = _invite(request)
    form = await checked_form(request)
    return await run_in_threadpool(_save, request, inv, form)


def _save(request: Request, inv: Invite, form: FormData) -> Response:
    desk = request.app.state.desk
    path = _path(request, inv)
    lang = lang_of(request)
    with _question(request, inv) as (loaded, qid, sid):
        fields = {k: str(v) for k, v in form.items() if isinstance(v, str)}
        lists = {"value": [str(v) for v in form.getlist("value")]}
        edit = read(
            loaded.ps.questions[qid], fields, lists, lang, mitigations_open="mitigations" in fields
        )
        if not isinstance(edit, Edit):
            return section_page(request, inv, loaded, sid, 422, (qid, form, edit))
        try:
            before, saved = apply(
                path, desk.policies, qid, edit, fields.get("version", ""), fields.get("base", "")
            )
        except Conflict as conflict:
            return _conflict(request, inv, conflict.current, qid, form)
    audit.record(
        desk.folder,
        f"invite:{inv.id}",
        f"answer {qid}",
        desk.now(),
        inv.file,
        before,
        saved.version,
    )
    return see_other(f"/p/s/{sid}#q-{qid}")


def _conflict(request: Request, inv: Invite, current: Loaded, qid: str, form: FormData) -> Response:
    lang = lang_of(request)
    fields = {k: str(v) for k, v in form.items() if isinstance(v, str)}
    lists = {"value": [str(v) for v in form.getlist("value")]}
    mine = views.question(current, qid, lang, fields, lists)
    theirs = views.question(current, qid, lang)
    return page(
        request,
        "p_conflict.html.j2",
        409,
        **_context(request, inv, current),
        mine=mine,
        theirs=theirs,
        section_id=views.section_of(current.ps.questions[qid]),
    )


async def upload(request: Request) -> Response:
    inv = _invite(request)
    form = await checked_form(request, max_files=1)
    item = form.get("file")
    data = b""
    name = ""
    if isinstance(item, UploadFile):
        data = await item.read(uploads.MAX_EVIDENCE + 1)
        name = (item.filename or "").replace("\\", "/").rsplit("/", 1)[-1][:200]
        await item.close()
    return await run_in_threadpool(_upload, request, inv, form, data, name)


def _upload(request: Request, inv: Invite, form: FormData, data: bytes, name: str) -> Response:
    desk = request.app.state.desk
    path = _path(request, inv)
    lang = lang_of(request)
    with _question(request, inv) as (loaded, qid, sid):
        error = None
        kind = uploads.kind_of(data)
        if not data:
            error = "evidence_empty"
        elif len(data) > uploads.MAX_EVIDENCE:
            error = "evidence_too_large"
        elif kind is None:
            error = "evidence_type"
        elif not loaded.result.question(qid).answered:
            error = "evidence_answer_first"
        if error or kind is None:
            message = t(error or "evidence_type", lang, mb=uploads.MAX_EVIDENCE // (1024 * 1024))
            posted = (qid, FormData(), {"file": message})
            return section_page(request, inv, loaded, sid, 422, posted)
        rel, digest = uploads.store(path, inv.project, data, kind)
        entry = {"title": name or rel.rsplit("/", 1)[-1], "path": rel, "sha256": digest}
        before, saved = attach_evidence(path, desk.policies, qid, entry)
    audit.record(
        desk.folder,
        f"invite:{inv.id}",
        f"evidence {rel} for {qid}",
        desk.now(),
        inv.file,
        before,
        saved.version,
    )
    return see_other(f"/p/s/{sid}#q-{qid}")


async def submit(request: Request) -> Response:
    inv = _invite(request)
    await checked_form(request)
    return await run_in_threadpool(_submit, request, inv)


def _submit(request: Request, inv: Invite) -> Response:
    _refuse_if_locked(request, inv)
    desk = request.app.state.desk
    loaded = _load(request, inv)
    missing = loaded.result.completeness.required_missing
    if missing:
        ctx = _context(request, inv, loaded)
        return page(
            request, "p_overview.html.j2", 422, **ctx, errors={"submit": ", ".join(missing)}
        )
    now: dt.datetime = desk.now()
    submissions.submit(desk.folder, inv.project, inv.file, f"invite:{inv.id}", loaded.version, now)
    audit.record(
        desk.folder,
        f"invite:{inv.id}",
        "submitted for review",
        now,
        inv.file,
        loaded.version,
        loaded.version,
    )
    return see_other("/p")


def routes() -> list[Route]:
    return [
        Route("/p", overview, methods=["GET"]),
        Route("/p/s/{section}", section, methods=["GET"]),
        Route("/p/q/{qid}", save, methods=["POST"]),
        Route("/p/evidence/{qid}", upload, methods=["POST"]),
        Route("/p/submit", submit, methods=["POST"]),
    ]
