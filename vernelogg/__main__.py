from vernelogg.cli import main

raise SystemExit(main())
