"""Running a batch: worker processes, a Dask cluster, limits, the re-run cache and the output lock."""
