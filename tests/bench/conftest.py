# The benchmark is run by hand (python -m tests.bench.run), never collected by pytest.
collect_ignore_glob = ["*.py"]
