from kws_desktop.cli import main

raise SystemExit(main())
