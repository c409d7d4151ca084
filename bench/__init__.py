"""
Benchmarks of Marktplatz on PostgreSQL (``make bench`` runs ``python -m bench``).

The bench creates its own database (``BENCH_DATABASE_URL``), fills it once with generated demo
shops, starts a real gunicorn server with production-like settings (``bench.settings``) on
127.0.0.1 and measures it from a thread pool. Each area is a *suite* in ``bench/suites/``
(``directory`` now; products and checkout plug in the same way) that returns report sections.
Never run by the test suite.
"""
