"""The one hotkey table: complete, unambiguous, remappable and persisted."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator_app.engine import MeetingSettings
from tests.helpers.meeting import open_meeting
from ui.hotkeys.dialogs import cheat_sheet_lines
from ui.hotkeys.table import BY_ACTION, HOTKEYS, KEYMAP_SETTING, Keymap, combination, normalise

pytestmark = pytest.mark.gui


def test_no_key_is_bound_twice(qapp) -> None:
    assert Keymap().duplicates() == {}


def test_every_action_is_described_and_its_keys_work(qapp) -> None:
    assert len(BY_ACTION) == len(HOTKEYS), "an action id appears twice"
    for hotkey in HOTKEYS:
        assert hotkey.description.strip(), hotkey.action
        assert hotkey.group.strip(), hotkey.action
        for key in hotkey.keys:
            assert combination(key) is not None, f"{hotkey.action}: {key!r} is not a key"


def test_the_design_table_is_there(qapp) -> None:
    keys = {action: Keymap().keys(action) for action in BY_ACTION}
    assert keys["floor.team_a"] == ("1",)
    assert keys["floor.team_b"] == ("2",)
    assert keys["floor.nobody"] == ("0", "Esc")
    assert keys["clock.toggle"] == ("Space",)
    assert set(keys["event.next"]) == {"PgDown", "N"}
    assert keys["phase.next"] == ("Ctrl+Right",)
    assert "F5" in keys["screen.full"] and "B" in keys["screen.blank"]


def test_a_test_would_catch_a_duplicate(qapp) -> None:
    clash = Keymap({"floor.crosstalk": ["1"]})
    assert clash.duplicates() == {"1": ["floor.team_a", "floor.crosstalk"]}


def test_remapping_is_stored_and_reloaded(tmp_path: Path, qapp) -> None:
    m = open_meeting(tmp_path)
    Keymap({"floor.crosstalk": ["C"], "floor.nobody": ["0"]}).save(m.store)
    loaded = Keymap.load(m.store)
    assert loaded.keys("floor.crosstalk") == ("C",)
    assert loaded.keys("floor.nobody") == ("0",)
    assert loaded.action_for(combination("C") or 0) == "floor.crosstalk"
    assert loaded.action_for(combination("X") or 0) is None
    assert loaded.keys("floor.team_a") == ("1",)  # untouched actions keep their defaults


def test_a_stored_clash_or_garbage_falls_back_to_the_defaults(tmp_path: Path, qapp) -> None:
    m = open_meeting(tmp_path)
    m.store.set_setting(KEYMAP_SETTING, '{"floor.crosstalk": ["1"]}')
    assert Keymap.load(m.store).keys("floor.crosstalk") == ("X",)
    m.store.set_setting(KEYMAP_SETTING, "not json")
    assert Keymap.load(m.store).keys("floor.crosstalk") == ("X",)


def test_key_names_are_normalised(qapp) -> None:
    assert normalise("ctrl+right") == "Ctrl+Right"
    assert normalise("two keys, here") == ""


def test_cheat_sheet_names_the_teams(tmp_path: Path, qapp) -> None:
    m = open_meeting(tmp_path)
    lines = cheat_sheet_lines(Keymap(), m.workspace.session, MeetingSettings())
    assert ("Floor", "1", "Payments has the floor (press again: nobody)") in lines
    assert len(lines) == len(HOTKEYS)


def test_settings_dialog_refuses_a_clash_and_returns_the_choice(tmp_path: Path, qtbot) -> None:
    from PySide6.QtGui import QKeySequence

    from ui.hotkeys.dialogs import SettingsDialog

    m = open_meeting(tmp_path)
    dialog = SettingsDialog(Keymap(), MeetingSettings(), m.workspace.session)
    qtbot.addWidget(dialog)
    first, _second = dialog.edits["floor.crosstalk"]
    first.setKeySequence(QKeySequence("1"))
    dialog._accept()
    assert dialog.result_value is None
    assert (
        dialog.error.text()
        == "1 is used twice: “Payments has the floor” and “Crosstalk: both teams at once”"
    )
    first.setKeySequence(QKeySequence("C"))
    dialog.numbers["nobody_hint_seconds"].setValue(45)
    dialog._accept()
    assert dialog.result_value is not None
    keymap, settings = dialog.result_value
    assert keymap.keys("floor.crosstalk") == ("C",)
    assert settings.nobody_hint_seconds == 45
