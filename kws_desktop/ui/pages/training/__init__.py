"""Training: workshop mode and the guided exercises in the window."""
