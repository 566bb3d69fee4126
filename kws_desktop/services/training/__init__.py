"""Workshops: the demo book, guided exercises and workshop mode.

Modules and their public calls:

- `exercises`: Guided exercises for workshops: short steps, and a check of whether each was done
  in the book.
  Exercise, ExerciseStatus, Progress, counters, baseline, progress
- `workshop`: Workshop mode for trainers: every group starts an exercise from the same saved
  state.
  exercise_start_path, has_exercise_start, save_exercise_start, reset_to_exercise_start
- `demo`: `kws-desktop demo`: a realistic, deterministic demo book, built through the services.
  build_demo
"""
