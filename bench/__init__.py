"""Benchmarks of dantinh and the country-scale data generator (`make bench`)."""

# Bump when the generated data changes, so that a cached database is built again.
GENERATOR_VERSION = 6
