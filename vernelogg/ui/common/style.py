"""The application's look: one stylesheet, readable and calm."""

STYLESHEET = """
QMainWindow, QDialog { background: #f6f7f9; }
#navigation { background: #17324d; color: #e8eef5; border: none; font-size: 13px; outline: 0; }
#navigation::item { padding: 9px 14px; border-left: 3px solid transparent; }
#navigation::item:selected { background: #24476b; color: white; border-left: 3px solid #f2c12e; }
#navigation::item:hover:!selected { background: #1f3f60; }
#navTitle { background: #17324d; color: white; font-size: 17px; font-weight: 700; padding: 14px 14px 4px 14px; }
#navSubtitle { background: #17324d; color: #b7c6d6; font-size: 11px; padding: 0 14px 12px 14px; }
#pageTitle { font-size: 20px; font-weight: 700; color: #17324d; }
#pageSubtitle { color: #5f6368; }
#card { background: white; border: 1px solid #dde1e6; border-radius: 6px; }
#cardTitle { font-size: 14px; font-weight: 700; color: #17324d; }
#warning { background: #fdecea; color: #8c1d18; border: 1px solid #f4c7c3; border-radius: 4px; padding: 6px 8px; }
#notice { background: #fff6d6; color: #6b4e00; border: 1px solid #f0dc9a; border-radius: 4px; padding: 6px 8px; }
#okNotice { background: #e6f4ea; color: #1e5e2f; border: 1px solid #b7dfc2; border-radius: 4px; padding: 6px 8px; }
QTableView { background: white; alternate-background-color: #f4f6f8; gridline-color: #e3e6ea; selection-background-color: #cfe0f3; selection-color: black; }
QHeaderView::section { background: #eef1f4; padding: 4px 6px; border: none; border-bottom: 1px solid #d5dae0; font-weight: 600; }
QPushButton { padding: 5px 12px; }
QPushButton#primary { background: #1f5fa8; color: white; border: 1px solid #1a528f; border-radius: 4px; font-weight: 600; }
QPushButton#primary:hover { background: #2a6dba; }
QPushButton#primary:disabled { background: #c9d6e6; color: #f4f7fb; border-color: #b7c6d9; }
QPushButton#danger { background: #b3261e; color: white; border: 1px solid #8c1d18; border-radius: 4px; font-weight: 600; }
QPushButton#danger:disabled { background: #e8c3c0; color: #fbf1f0; border-color: #dcaaa6; }
#quickActions { background: #f6f7f9; border-bottom: 1px solid #dde1e6; spacing: 6px; padding: 2px 8px; }
#quickActions QToolButton { color: #b3261e; font-weight: 600; padding: 3px 10px; border: 1px solid #f4c7c3; border-radius: 4px; background: #fdecea; }
#quickActions QToolButton:hover { background: #f9d6d2; }
"""
