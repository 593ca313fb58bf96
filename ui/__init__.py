"""The Streamlit face of the product: thin views over `assessments`, `questionnaire` and `scoring`.

Only `app.py` and this package import Streamlit. `routes.py` lists the pages, `pages/` holds one
tiny script per page, and each view module (`home`, `wizard`, `results`, `settings`) draws one.
"""
