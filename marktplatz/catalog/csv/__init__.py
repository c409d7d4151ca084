"""
CSV import and export of a shop's products (format in ``docs/csv-format.md``).

- ``format``: the columns (German and English names), how cells are read and written.
- ``reader``: opens an uploaded file as a stream of rows – encoding and delimiter sniffed.
- ``importer``: checks rows in batches against the shop's products and (unless a dry run) writes
  them; ``import_file`` is the synchronous entry point (benchmark, shell).
- ``jobs``: the ``ImportJob`` life cycle (upload → preview → import) for the back office.
- ``exporter``: all products of a shop as CSV rows, in the format the importer reads.
- ``tasks``: the background tasks that run a job's preview and import.
- ``storage``: where uploads and error reports live (never under a public URL).
"""
