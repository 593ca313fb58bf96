"""The app server's process: ready the data checks, then hand over to Streamlit's command line.

`readiness ui` starts `python -m ui.serve run app.py ...` (see `application.server.server_command`).
Before Streamlit starts listening, this process

- imports the check modules and starts the model-fit helper process (`application.checking.warm_up`,
  about two seconds on two cores), so that no user's first "Run checks" after a server start pays
  for it;
- freezes the objects made so far (`gc.freeze`): Streamlit runs a full garbage collection after every
  script run, and with scikit-learn, scipy and pandas loaded that scan alone took 0.15 s, added to
  every click that reruns the page. The libraries' objects live as long as the process anyway.
"""

from __future__ import annotations

import gc

from streamlit.web.cli import main as streamlit_main

from application.checking import warm_up


def main() -> None:
    warm_up()
    gc.collect()
    gc.freeze()
    streamlit_main(prog_name="streamlit")


if __name__ == "__main__":
    main()
