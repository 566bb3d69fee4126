"""The window's frame: start-up, the main window with its sidebar and menus, the welcome screen,
help and the quick actions."""
