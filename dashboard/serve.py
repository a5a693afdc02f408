"""Start the dashboard server: `python -m dashboard.serve [options of streamlit run]`.

The pages live in pages/ (the project's layout) and are listed by st.navigation in app.py. Streamlit
also treats a folder named pages/ beside the main script as its older multipage mode until the
first run of app.py switches that off — so on a freshly started server, a shared link to a page
(/sources) would run that page alone, without app.py's frame. Switching the old mode off before
the server starts makes every link, the first one included, go through app.py.
"""

from __future__ import annotations

import sys

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web.cli import main as streamlit_main

from etl.paths import ROOT


def main(argv: list[str]) -> None:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *argv]
    streamlit_main(prog_name="streamlit")


if __name__ == "__main__":
    main(sys.argv[1:])
