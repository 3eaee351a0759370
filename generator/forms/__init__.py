"""The notice's forms: their layouts, the .xlsx and .docx files made from them, and import.

:mod:`layouts` draws the forms as data, :mod:`office` writes them, :mod:`submission` puts the
申报书 together, :mod:`importer` and :mod:`casemerge` read a county's filled-in 附表 back.
"""
