"""Streamlit entry point: routing only. Run with `make run`."""

import streamlit as st

st.set_page_config(page_title="Readiness", page_icon=":material/fact_check:", layout="wide")
st.title("Readiness")
st.write("Data-readiness assessment for machine-learning projects. The wizard is on its way.")
