"""The weekly briefing: a data step (build.py), a section registry other apps extend
(sections.py), server-side charts (charts.py), HTML and PDF rendering (render.py), and the
services that store briefings and make them every Monday (services.py)."""
