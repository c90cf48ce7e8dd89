"""The funder's view: the indicator set (SQL aggregates), small-cell suppression, charts drawn on
the server, the indicator dashboard, its API and the funder report (XLSX and PDF).

Modules, by purpose:
- tables.py: the shapes every indicator is given in (Section, Table, Column, Stat);
- scope.py: the filters (programme, seminar, period) and the seminars they select;
- indicators.py: the sections and the registry other parts add their sections to;
- suppression.py: what the funder observer may see (cells under 5 people withheld);
- charts.py: Vega-Lite specs (altair) drawn to SVG/PNG (vl-convert);
- workbook.py, pdf.py: the funder report's files; services.py, tasks.py: building them.
"""
