"""The cycle collector waits while documents are built, and comes back after the last one."""
import gc
import threading

from kws_desktop.documents.gc_pause import collector_paused


def test_collection_waits_until_the_last_build_ends():
    assert gc.isenabled()
    inner_started, outer_may_end = threading.Event(), threading.Event()

    def other_build():
        with collector_paused():
            inner_started.set()
            outer_may_end.wait(5)

    with collector_paused():
        assert not gc.isenabled()
        worker = threading.Thread(target=other_build)
        worker.start()
        inner_started.wait(5)
    assert not gc.isenabled(), "another thread is still building"
    outer_may_end.set()
    worker.join(5)
    assert gc.isenabled()


def test_a_failed_build_gives_the_collector_back():
    try:
        with collector_paused():
            raise OSError("disk full")
    except OSError:
        pass
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_program_stays_off():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
