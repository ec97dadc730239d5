"""`batch` and `preview`: many bundles built in worker processes, one served on localhost."""

from __future__ import annotations

from pathlib import Path

import click

from taskforce_report.cli.options import BUNDLE


@click.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of cores).")
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: ./output/); each bundle gets its own subfolder.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--timeout", type=click.FloatRange(min=1), default=600, show_default=True,
              help="Seconds a bundle may take before its build is stopped and it is reported "
                   "as failed.")
def batch(directory: Path, jobs: int | None, outdir: Path | None, quiet: bool,
          timeout: float) -> None:
    """Build every bundle under DIRECTORY, carrying on past failures."""
    from taskforce_report.core.paths import default_output_root
    from taskforce_report.tools.batch import find_bundles, run_batch, summary_table

    bundles = find_bundles(directory)
    if not bundles:
        raise click.UsageError(f"ingen bundter (mapper med rapport.yaml) under {directory}")
    outdir = outdir or default_output_root()
    def bar(length: int):
        return click.progressbar(length=length, label="Bygger", file=None, hidden=quiet)

    results = run_batch(bundles, directory, outdir, jobs, progress=bar, timeout=timeout)
    click.echo(summary_table(results))
    failed = [r for r in results if not r.ok]
    click.echo(f"{len(results) - len(failed)} bygget, {len(failed)} fejlede")
    if failed:
        raise SystemExit(1)


@click.command()
@click.argument("bundle", type=BUNDLE)
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
def preview(bundle: Path, port: int) -> None:
    """Serve BUNDLE's document as a web page on localhost, rebuilt on every change."""
    from taskforce_report.tools.preview import serve

    def ready(actual_port: int, state) -> None:
        click.echo(f"Forhåndsvisning på http://127.0.0.1:{actual_port}/ (Ctrl+C stopper)")
        if state.error:
            click.echo(f"Fejl: {state.error}", err=True)

    serve(bundle, port, ready=ready)
