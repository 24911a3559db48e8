"""The `eventkb` command: serve, migrate, seed, ingest, extract, evaluate, export."""

from __future__ import annotations

import contextlib
import json
import secrets
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path
from types import FrameType
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from app.config import get_settings
from app.security import resolve_write_access

app = typer.Typer(help="eventkb: a knowledge base of news events.", no_args_is_help=True, add_completion=False)
err = Console(stderr=True)
# On SIGTERM, requests in flight get this long to finish; then uvicorn cancels them and the process exits
# (nothing half-stored: a document commits in one transaction after its extraction).
SHUTDOWN_GRACE_SECONDS = 5


def _engine():
    from app.db import make_engine

    s = get_settings()
    return make_engine(s.database_url, busy_timeout_ms=s.sqlite_busy_timeout_ms, pool_size=s.pool_capacity)


@app.command()
def migrate(revision: Annotated[str, typer.Argument(help="Target revision")] = "head") -> None:
    """Bring the database schema to `revision` (Alembic)."""
    from app.migrate import upgrade

    upgrade(get_settings().database_url, revision)
    err.print(f"schema at {revision}")


@app.command()
def serve(host: Annotated[str | None, typer.Option(help="Bind address")] = None,
          port: Annotated[int | None, typer.Option(help="Port (EVENTKB_PORT)")] = None,
          workers: Annotated[int, typer.Option(help="uvicorn worker processes")] = 1) -> None:
    """Serve the API with uvicorn (docs at /docs)."""
    import uvicorn

    from app.extract.segments import request_stop
    from app.logs import configure_logging

    s = get_settings()
    bind = host or s.host
    _refuse_unsafe_exposure(bind)
    access = _write_access()
    configure_logging(s.log_level)
    err.print(_write_access_note(access, bind, port or s.port), soft_wrap=True)
    options = {"factory": True, "host": bind, "port": port or s.port, "log_level": s.log_level.lower(),
               "access_log": False, "timeout_graceful_shutdown": SHUTDOWN_GRACE_SECONDS}
    if workers > 1:  # uvicorn's supervisor runs the workers: the grace period alone bounds their shutdown
        uvicorn.run("app.main:create_app", workers=workers, **options)
        return

    class Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            request_stop()  # a long extraction gives up at its next segment instead of holding the shutdown
            super().handle_exit(sig, frame)

    Server(uvicorn.Config("app.main:create_app", **options)).run()


def _refuse_unsafe_exposure(bind: str) -> None:
    from app.hosts import exposure_problem

    problem = exposure_problem(get_settings(), bind)
    if problem:
        err.print(f"[red]{problem}[/red]", soft_wrap=True)
        raise typer.Exit(2)


def _write_access():
    from app.security import KeyFileError

    try:
        return resolve_write_access(get_settings())
    except KeyFileError as exc:
        err.print(f"[red]{exc}[/red]", soft_wrap=True)
        raise typer.Exit(2) from None


def _write_access_note(access, bind: str, port: int) -> str:
    if access.key is None:
        return "[yellow]writes are OPEN to anonymous clients (EVENTKB_ALLOW_ANONYMOUS_WRITES)[/yellow]"
    from_env = access.source == "EVENTKB_API_KEY"
    key = "$EVENTKB_API_KEY" if from_env else f"$(cat {access.source})"
    where = "EVENTKB_API_KEY" if from_env else f"{access.source} (owner-only)"
    return (f"writes need X-API-Key: the write key is in {where}; reads are open unless "
            f"EVENTKB_READ_API_KEY is set. To add a document:\n"
            f"  curl -H \"X-API-Key: {key}\" -H 'Content-Type: application/json' "
            f"-d '{{\"text\": \"...\"}}' http://{bind}:{port}/api/v1/documents")


@app.command("api-key")
def api_key(show: Annotated[bool, typer.Option(help="Print the key itself (for scripts), not where it is")] = False,
            ) -> None:
    """Where the write key is (generated, owner-only, on first use) and how to send it."""
    s = get_settings()
    access = _write_access()
    if show:
        if access.key is None:
            err.print("writes are open: there is no write key")
            raise typer.Exit(1)
        print(access.key)
        return
    err.print(_write_access_note(access, s.host, s.port), soft_wrap=True)


@app.command("check-config")
def check_config() -> None:
    """Check that serving with this configuration is safe; exit 2 if writes would be open to the network."""
    from app.hosts import allowed_hosts

    s = get_settings()
    _refuse_unsafe_exposure(s.host)
    access = _write_access()
    err.print(f"bind {s.host}:{s.port}; allowed hosts {', '.join(allowed_hosts(s))}; "
              f"write key from {access.source if access.key else 'nowhere: writes are open'}", soft_wrap=True)


def _run_ingest(items, total: int | None, *, reextract: bool, batch_size: int, n_process: int,
                pipelined: bool = False):
    from app.documents.parse_process import ParseProcess

    # started before anything else, so its start-up overlaps this process's imports and opening the database
    with ParseProcess() if pipelined else contextlib.nullcontext() as parser:
        return _ingest_with(items, total, reextract=reextract, batch_size=batch_size, n_process=n_process,
                            parser=parser)


def _ingest_with(items, total: int | None, *, reextract: bool, batch_size: int, n_process: int, parser):
    from app.documents.bulk import ingest
    from app.logs import configure_logging

    s = get_settings()
    configure_logging(s.log_level)  # one JSON line per document on stderr, above the progress bar
    engine = _engine()
    columns = [TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]} docs/s"), TimeRemainingColumn()]
    with Progress(*columns, console=err, transient=False) as bar:
        task = bar.add_task("ingest", total=total, rate="-")

        def advance(n: int) -> None:
            bar.advance(task, n)
            t = bar.tasks[0]
            if t.elapsed:
                bar.update(task, rate=f"{t.completed / t.elapsed:.1f}")

        summary = ingest(engine, items, max_bytes=s.max_document_bytes, max_tokens=s.max_document_tokens,
                         reextract=reextract,
                         batch_size=batch_size, n_process=n_process, parser=parser, progress=advance)
    engine.dispose()
    return summary


def _report(summary) -> None:
    err.print(f"stored {summary.stored}, re-extracted {summary.reextracted}, skipped {summary.skipped} "
              f"(already stored), failed {len(summary.failed)} in {summary.seconds:.1f} s")
    for name, reason in summary.failed:
        err.print(f"  [red]failed[/red] {name}: {reason}")


@app.command()
def seed() -> None:
    """Load the seed articles from EVENTKB_SEEDS_DIR (idempotent: stored ones are skipped)."""
    from app.documents.bulk import seed_items

    items = seed_items(Path(get_settings().seeds_dir))
    summary = _run_ingest(items, len(items), reextract=True, batch_size=8, n_process=1)
    _report(summary)
    if summary.failed:
        raise typer.Exit(1)


@app.command("ingest")
def ingest_cmd(paths: Annotated[list[str], typer.Argument(help="Text files, folders, JSONL files, or - for stdin")],
               reextract: Annotated[bool, typer.Option(help="Re-run documents stored by an older extractor")] = False,
               batch_size: Annotated[int, typer.Option(help="Documents per nlp.pipe batch")] = 16,
               n_process: Annotated[int, typer.Option(help="spaCy processes for parsing")] = 1,
               pipelined: Annotated[bool, typer.Option(
                   help="Parse the next batch in a separate process while this one writes (more than one batch)")]
               = True) -> None:
    """Bulk-load articles: one transaction per document, skipping those already stored."""
    from app.documents.bulk import read_inputs

    items = list(read_inputs(paths))
    summary = _run_ingest(items, len(items), reextract=reextract, batch_size=batch_size, n_process=n_process,
                          pipelined=pipelined and len(items) > batch_size)
    _report(summary)
    print(json.dumps(summary.as_dict()))
    if summary.failed and not (summary.stored or summary.skipped or summary.reextracted):
        raise typer.Exit(1)


def _jsonable(value):
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


@app.command()
def extract(file: Annotated[Path, typer.Argument(help="A UTF-8 text file, or - for stdin")],
            published: Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD")] = None,
            as_json: Annotated[bool, typer.Option("--json/--table", help="JSON output (default) or a table")] = True,
            ) -> None:
    """Print what the extractor finds in one article: actors, times, events, statements, with offsets."""
    from app.extract import extract as run

    text = sys.stdin.read() if str(file) == "-" else file.read_text(encoding="utf-8")
    when = date.fromisoformat(published) if published else None
    result = run(text, published=when)
    payload = asdict(result)
    payload.pop("text")
    if as_json:
        print(json.dumps(payload, default=_jsonable, indent=1, ensure_ascii=False))
        return
    out = Console()
    for a in result.actors:
        out.print(f"[bold]actor[/bold] {a.key} {a.type:12} {a.name}  role={a.role} country={a.country} "
                  f"mentions={len(a.mentions)}")
    for t in result.times:
        out.print(f"[bold]time[/bold]  {t.span.start}-{t.span.end} {t.span.text!r} -> {t.date_start}..{t.date_end} "
                  f"({t.precision}, {t.anchor})")
    for e in result.events:
        parts = ", ".join(f"{p.actor_key}:{p.role}" for p in e.participants)
        out.print(f"[bold]event[/bold] {e.key} {e.type}/{e.mode} {e.date_start}..{e.date_end} ({e.date_precision}) "
                  f"[{parts}] {e.summary[:100]}")
    for st in result.statements:
        out.print(f"[bold]said[/bold]  {st.key} {st.speaker_key} {st.cue}: {st.text[:100]} (event {st.event_key})")


@app.command()
def evaluate(gold_dir: Annotated[Path | None, typer.Option(help="Corpus folder: manifest.json and gold/")] = None,
             texts: Annotated[Path | None, typer.Option(help="Folder of the article texts (or the seeds)")] = None,
             gold: Annotated[Path | None, typer.Option(help="One gold file for a seed folder (--texts)")] = None,
             with_seeds: Annotated[bool, typer.Option(help="Load EVENTKB_SEEDS_DIR first, as `make run` does")] = False,
             as_json: Annotated[bool, typer.Option("--json", help="Print the whole report as JSON")] = False,
             extras: Annotated[bool, typer.Option(help="List stored items that match nothing in the gold")] = True,
             ) -> None:
    """Extract and ingest a gold corpus into a temporary knowledge base and score it: figures and every miss."""
    from app.evaluate import CorpusError, evaluate_corpus, evaluate_seed_gold
    from app.evaluate.report import corpus_json, render_corpus, render_score, seed_summary

    seeds = Path(get_settings().seeds_dir)
    try:
        if gold is not None:
            score = evaluate_seed_gold(gold, texts or seeds)
            if as_json:
                print(json.dumps(score.as_dict() | {"summary": seed_summary(score)}, indent=1, default=str))
            else:
                print("\n".join(render_score(score, extras=extras)))
                print(seed_summary(score))
            return
        if gold_dir is None or texts is None:
            raise typer.BadParameter("give --gold-dir and --texts for a corpus, or --gold (and --texts) for seeds")
        result = evaluate_corpus(gold_dir, texts, seeds_dir=seeds if with_seeds else None,
                                 progress=lambda f: err.print(f"[dim]{f}[/dim]"))
    except CorpusError as exc:
        err.print(f"[red]error[/red] {exc}")
        raise typer.Exit(2) from None
    name = gold_dir.resolve().name
    if as_json:
        print(json.dumps(corpus_json(result, name), indent=1, default=str))
    else:
        print(render_corpus(result, name, extras=extras))


@app.command()
def export(what: Annotated[str, typer.Argument(help="events | actors | statements | documents")] = "events",
           fmt: Annotated[str, typer.Option("--format", help="ndjson or csv")] = "ndjson",
           out: Annotated[Path | None, typer.Option(help="Output file (default stdout)")] = None) -> None:
    """Export every row of a resource through the same code the API uses."""
    from fastapi.testclient import TestClient

    from app.main import create_app

    if what not in ("events", "actors", "statements", "documents", "sources") or fmt not in ("ndjson", "csv"):
        raise typer.BadParameter("unknown resource or format")
    s = get_settings()
    # the in-process app only reads: give it a throwaway write key rather than resolving (or creating) the real one
    internal = s.model_copy(update={"api_key": s.api_key or secrets.token_urlsafe(32), "allowed_hosts": ["localhost"]})
    with TestClient(create_app(internal), base_url="http://localhost") as client:
        headers = {"X-API-Key": s.read_api_key or internal.api_key}
        with client.stream("GET", f"/api/v1/{what}", params={"format": fmt}, headers=headers) as response:
            sink = out.open("w", encoding="utf-8") if out else sys.stdout
            for chunk in response.iter_text():
                sink.write(chunk)
            if out:
                sink.close()


@app.command("compact-changes")
def compact_changes() -> None:
    """Drop change-feed rows a later change of the same entity supersedes (replays stay exact)."""
    from sqlmodel import Session

    from app.changes.service import compact
    from app.db import lock_for_writing, writer

    engine = _engine()
    with Session(writer(engine)) as session:
        lock_for_writing(session)
        removed = compact(session)
        session.commit()
    engine.dispose()
    err.print(f"removed {removed} superseded changes")


if __name__ == "__main__":
    app()
