"""Page helpers: the only part of ``geo`` that imports Streamlit.

Cached loaders (:mod:`geo.ui.data`) and the shared sidebar (:mod:`geo.ui.sidebar`)
used by ``dashboard.py`` and every page in ``pages/``.
"""
