"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path

import click


class PolicySpec(click.ParamType):  # type: ignore[type-arg]  # generic only from click 8.3
    """--policy: a policy file or folder, or the id of a policy (e.g. aia-canada).

    An id is looked up like the policy an assessment names: ./rubrics/, then the
    rubrics shipped with Hawkama; its newest version is taken.
    """

    name = "PATH|ID"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> Path:
        path = value if isinstance(value, Path) else Path(str(value))
        if path.exists():
            return path
        from hawkama.policy.find import policy_by_id

        found = policy_by_id(str(value))
        if found is None:
            self.fail(
                f"{str(value)!r} is neither a file or folder nor the id of a policy in "
                "./rubrics/ or the shipped rubrics",
                param,
                ctx,
            )
        return found


policy_option = click.option(
    "--policy",
    type=PolicySpec(),
    default=None,
    help="Policy file, a folder holding one, or a policy id (e.g. aia-canada). Default: the "
    "policy each assessment names, looked up in ./rubrics/, then in the rubrics shipped with "
    "Hawkama.",
)
lang_option = click.option(
    "--lang",
    type=click.Choice(["en", "ar", "fr"]),
    default="en",
    show_default=True,
    help="Language of labels and texts.",
)
any_version_option = click.option(
    "--any-version",
    is_flag=True,
    help="Score even when the assessment was answered against another version of the policy.",
)

force_option = click.option(
    "--force", is_flag=True, help="Replace output files that already exist."
)

config_option = click.option(
    "--config",
    "config",
    type=click.Path(exists=True, path_type=Path),
    envvar="HAWKAMA_CONFIG",
    default=None,
    help="Committee config file, or a folder holding hawkama.yaml. Default: ./hawkama.yaml "
    "if there is one.",
)
