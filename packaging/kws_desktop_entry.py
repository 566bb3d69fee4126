"""The bundle's entry point (both executables): the same command line as `kws-desktop`."""
import multiprocessing

if __name__ == "__main__":
    # Kuitansi batches run in worker processes; in a frozen program each worker starts this
    # executable again, and freeze_support() turns it into the worker instead of a new window.
    multiprocessing.freeze_support()
    from kws_desktop.cli import gui_main
    raise SystemExit(gui_main())
