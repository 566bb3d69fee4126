"""The window (PySide6 only here): `shell` (the main window, start, welcome, help), `kit` (shared
widgets and helpers every page uses) and `pages/<area>` (one folder per area, the same names as
services/<area>)."""
