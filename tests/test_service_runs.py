"""The service-level hypothesis runs: fixed by default, fresh random examples on request."""
import importlib


def test_default_runs_replay_fixed_examples(monkeypatch):
    monkeypatch.delenv("KWS_RANDOM_RUNS", raising=False)
    import service_runs
    fixed = importlib.reload(service_runs).service_runs()
    assert fixed.derandomize and fixed.max_examples == 25


def test_random_runs_draw_new_and_more_examples(monkeypatch):
    monkeypatch.setenv("KWS_RANDOM_RUNS", "1")
    import service_runs
    fresh = importlib.reload(service_runs).service_runs(stateful_step_count=20)
    assert not fresh.derandomize and fresh.max_examples > 25 and fresh.stateful_step_count == 20
    monkeypatch.delenv("KWS_RANDOM_RUNS")
    importlib.reload(service_runs)  # back to the fixed runs for the tests after this one
