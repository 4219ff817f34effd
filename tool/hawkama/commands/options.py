"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path

import click

policy_option = click.option(
    "--policy",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="Policy file, or a folder holding one. Default: the policy each assessment names, "
    "looked up in ./rubrics/, then in the rubrics shipped with Hawkama.",
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
