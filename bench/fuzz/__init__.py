"""Fuzzers of the importers: mutated knowledge-base and article files (see README.md)."""
