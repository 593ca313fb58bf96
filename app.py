"""Streamlit entry point: page setup and routing only. Run with `make run`."""

import streamlit as st

from ui import routes

st.set_page_config(page_title="Readiness", page_icon=":material/fact_check:", layout="wide")
st.navigation(routes.all_pages(), position="top").run()
