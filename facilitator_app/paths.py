"""Where things live on disk: the user's database and config (platformdirs), and resources."""

from __future__ import annotations

import os
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

APP_NAME = "postmortem-facilitator"


def default_database_path() -> Path:
    """The user's database, in a data directory only its owner can read."""
    import platformdirs

    from facilitator_app.errors import UserError
    from facilitator_app.startup_messages import data_folder_unwritable

    data_dir = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    try:
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(data_dir, 0o700)
    except OSError as exc:
        raise UserError(data_folder_unwritable(data_dir, exc)) from None
    return data_dir / "facilitator.db"


def user_cache_dir() -> Path:
    """What can be made again (the empty database `--demo` copies)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def user_config_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def resource(name: str) -> Traversable:
    """A file shipped in the `resources` package: works from a checkout, a wheel or a bundle."""
    return resources.files("resources").joinpath(name)


def read_resource_text(name: str) -> str:
    return resource(name).read_text(encoding="utf-8")
