"""`hawkama assess`: the terminal loop. Every answer is saved the moment it is given.

Reading and writing go through two small functions (``ask``, ``say``) so that the same
loop serves a terminal, piped input and tests. The rules (what comes next, what a typed
line means) are in flow.py; what is shown is in display.py; the file is in store.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from hawkama.engine.evaluate import evaluate
from hawkama.errors import InputError
from hawkama.locale import label
from hawkama.models.assessment import Assessment
from hawkama.models.result import Result
from hawkama.policy.checks import check_assessment
from hawkama.policy.compiled import PolicySet
from hawkama.policy.find import PolicyResolver
from hawkama.questionnaire import details, display, flow
from hawkama.questionnaire.skeleton import render, resolve_policy
from hawkama.questionnaire.store import KEEP, PROJECT_FIELDS, AssessmentFile, refuse_symlink
from hawkama.yamlio import write_atomic

Ask = Callable[[str], str]
Say = Callable[[str], None]


class Quit(Exception):
    """`q` typed: stop here; everything answered is already on disk."""


def open_or_create(path: Path, policy: Path | None, lang: str, say: Say) -> AssessmentFile:
    """The assessment at ``path``; a new skeleton there first if there is no file yet."""
    refuse_symlink(path)
    if not path.exists():
        ps = resolve_policy(policy)
        write_atomic(path, render(ps, path, lang))
        say(label("questionnaire.created", lang, path=path, policy=ps.id, version=ps.version))
    return AssessmentFile.load(path)


def run(path: Path, policy: Path | None, lang: str, review: bool, ask: Ask, say: Say) -> None:
    """Open (or create) the file, check it fits its policy, and walk the questions."""
    file = open_or_create(path, policy, lang, say)
    ps = PolicyResolver(policy).for_assessment(file.assessment, path)
    problems = check_assessment(ps, file.assessment, file.doc)
    if problems:
        raise InputError(problems)
    session = Session(file, ps, lang, ask, say)
    try:
        session.run(review)
    except (Quit, EOFError):
        # EOF: piped answers ran out; like `q`, nothing answered is lost.
        say("")
        say(label("questionnaire.quit", lang, path=path))
    except KeyboardInterrupt:
        say("")
        say(label("questionnaire.quit", lang, path=path))
        raise


@dataclass
class Session:
    file: AssessmentFile
    ps: PolicySet
    lang: str
    ask: Ask
    say: Say
    order: list[str] = field(default_factory=list)
    mitigation_order: list[str] = field(default_factory=list)
    _scored: tuple[Assessment, Result] | None = None

    def __post_init__(self) -> None:
        self.order = list(self.ps.questions)
        self.mitigation_order = list(self.ps.mitigation_question)

    def result(self) -> Result:
        # The assessment object changes on every save; until then the result holds.
        if self._scored is None or self._scored[0] is not self.file.assessment:
            self._scored = (self.file.assessment, evaluate(self.ps, self.file.assessment))
        return self._scored[1]

    def lines(self, lines: list[str]) -> None:
        for line in lines:
            self.say(line)

    # --- the whole walk -----------------------------------------------------------

    def run(self, review: bool) -> None:
        result = self.result()
        fresh = not any(q.answered for q in result.questions)
        if review or fresh:
            self.project()
        if review:
            self.say(label("questionnaire.review_intro", self.lang))
            current = flow.next_applicable(result)
        else:
            current = flow.next_open(result)
            if current is None:
                self.say(label("questionnaire.nothing_left", self.lang, path=self.file.path))
            elif not fresh:
                self.say(label("questionnaire.resume", self.lang, qid=current))
        self.say(
            label(
                "questionnaire.hint_keys_keep" if review else "questionnaire.hint_keys", self.lang
            )
        )
        while current is not None:
            if self.question(current, review) == "back":
                previous = flow.previous_applicable(self.result(), current)
                if previous is None:
                    self.say(label("questionnaire.no_previous", self.lang))
                else:
                    current = previous
                continue
            result = self.result()
            nxt = flow.next_applicable if review else flow.next_open
            current = nxt(result, current)
        self.finish()

    def finish(self) -> None:
        result = self.result()
        self.say("")
        missing = result.completeness.required_missing
        self.say(
            label("questionnaire.missing", self.lang, n=len(missing))
            if missing
            else label("questionnaire.all_answered", self.lang)
        )
        self.lines(display.verdict_lines(result, self.lang))
        self.say(label("questionnaire.next_step", self.lang, path=self.file.path))

    # --- one question ---------------------------------------------------------------

    def question(self, qid: str, review: bool) -> Literal["next", "back"]:
        qd = self.ps.questions[qid]
        self.lines(display.question(self.ps, qd, self.result(), self.lang))
        prompt = f"{label('questionnaire.answer', self.lang)}: "
        while True:
            reply = flow.read_reply(qd, self.ask(prompt), self.lang)
            answered = self.result().question(qid).answered
            if reply == "quit":
                raise Quit
            if reply == "back":
                return "back"
            if reply == "help":
                self.lines(display.help_lines(self.ps, qd, self.lang, keep=review or answered))
                continue
            if reply == "verdict":
                self.lines(display.verdict_lines(self.result(), self.lang))
                continue
            if isinstance(reply, flow.Invalid):
                self.say(reply.message)
                continue
            if isinstance(reply, flow.NoteOnly):
                self.file.set_note(qid, reply.note, self.order)
                self.say(label("questionnaire.current_note", self.lang, note=reply.note or "-"))
                continue
            if reply == "keep":
                self.say(
                    label("questionnaire.kept" if answered else "questionnaire.skipped", self.lang)
                )
            elif reply == "clear":
                self.file.clear_answer(qid)
                self.say(
                    label(
                        "questionnaire.cleared" if answered else "questionnaire.skipped", self.lang
                    )
                )
            elif isinstance(reply, flow.Answered):
                note = reply.note if reply.note is not None else KEEP
                self.file.set_answer(qid, reply.value, note, self.order)
                self.say(
                    label(
                        "questionnaire.saved_answer",
                        self.lang,
                        value=display.show_value(reply.value),
                    )
                )
            break
        self.mitigations(qid)
        return "next"

    def mitigations(self, qid: str) -> None:
        """One prompt per mitigation of an answered question; Enter keeps what is recorded."""
        qd = self.ps.questions[qid]
        if not display.answered_plainly(qd.question, self.result().question(qid)):
            return
        self.say(label("questionnaire.mitigation_hint", self.lang))
        for m in qd.mitigations:
            current = self.file.assessment.mitigations.get(m.id)
            status = current.status if current else None
            self.lines(display.mitigation_lines(m, status, self.lang))
            while True:
                reply = details.read_commitment(
                    self.ask(f"{label('questionnaire.status', self.lang)}: "), self.lang
                )
                if reply == "quit":
                    raise Quit
                if reply == "help":
                    self.say(label("questionnaire.mitigation_hint", self.lang))
                    self.lines(display.source_lines(self.ps, m.sources, self.lang))
                    continue
                if isinstance(reply, flow.Invalid) or reply in ("back", "verdict"):
                    self.say(label("questionnaire.err_status", self.lang))
                    continue
                if reply == "clear":
                    self.file.set_commitment(m.id, None)
                elif isinstance(reply, details.Commitment):
                    self.file.set_commitment(m.id, reply, self.mitigation_order)
                break

    # --- project details ------------------------------------------------------------

    def project(self) -> None:
        self.say(label("questionnaire.project_intro", self.lang))
        for name in PROJECT_FIELDS:
            current = getattr(self.file.assessment.project, name)
            field = label(f"questionnaire.field_{name}", self.lang)
            prompt = f"{field} [{current}]: " if current else f"{field}: "
            while True:
                text = self.ask(prompt).strip()  # free text: Arabic digits and commas stay
                if text.lower() == "q":
                    raise Quit
                if text == "":
                    break
                if text == "-":
                    if name in ("id", "title"):
                        self.say(label("questionnaire.err_required", self.lang))
                        continue
                    self.file.set_project(name, None)
                    break
                if name == "id" and not details.PROJECT_ID.match(text):
                    self.say(label("questionnaire.err_project_id", self.lang))
                    continue
                self.file.set_project(name, text)
                break
