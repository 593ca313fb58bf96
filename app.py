"""Streamlit entry point: page setup and routing only. Run with `make run`."""

from pathlib import Path

import streamlit as st

from ui import routes, signin
from ui.style import app_layout

# a bundled icon: a Material or emoji icon would make every browser fetch it from an external host
st.set_page_config(page_title="Readiness", page_icon=str(Path(__file__).parent / "ui" / "assets" / "icon.png"),
                   layout="wide")
app_layout()
who = signin.actor()  # with sign-in on and nobody signed in, the sign-in page stops the script here
signin.account_bar(who)
st.navigation(routes.all_pages(), position="top").run()
signin.single_user_notice(who)
