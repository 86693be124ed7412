"""Suggested themes across a consultation's input, and the consultation report.

The organiser starts a run (runs.py, a background task); suggest.py groups the
contributions, answers and published live questions into themes with TF-IDF and
k-means, offline; editing.py is what the organiser does with the suggestions
(accept, rename, merge, split, move); an accepted theme becomes a draft
"you said, we did" item that cites its sources. report.py gathers the figures of
the consultation report (HTML, PDF and CSV).
"""
