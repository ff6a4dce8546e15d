"""Benchmark the letter PDF: warm renders per model case beside bare WeasyPrint and Chromium, pages, memory.

Run from the project root:

    .venv/bin/python bench/letter_bench.py [--repeat 20] [--long-run 200]

Each model case in examples/cases/ is built once (assessed as of 2026-11-22) and rendered with
render_letter_pdf (PDF/A-3b, tags, case file attached, our URL fetcher and fonts), alternating with a
bare WeasyPrint render of the same HTML (`HTML(string=html, base_url=static).write_pdf()`, no options) and
with Chromium printing the same HTML (Debian's /usr/bin/chromium driven by Playwright's sync API: one browser
and one page kept open for the whole run; each timed print loads the letter's HTML file, which links
letter.css and its fonts by file:// URLs, and calls page.pdf()).
Then a fresh process renders --long-run letters in a row to watch its memory, and fresh processes start
Django (which imports WeasyPrint) and render a letter twice, with and without warm_up(). See bench/README.md.
"""

import argparse
import io
import json
import os
import platform
import resource
import secrets
import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

from machine import cpu_model, reference_loop_ms

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "cases"
RESULTS = ROOT / "bench" / "results"
TODAY = date(2026, 11, 22)
WARMUP = 2
TARGET_SECONDS = 0.4
TARGET_RSS_MB = 150
FRESH_CASE = "crps-scs-permanent-medicare"
TARGET_RATIO = 1.5
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
]


def setup_django() -> None:
    """Configure Django as the app runs (DEBUG off, quiet logs) and set it up."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def model_letter(name: str):
    """Return a model case's file, decoded, and the letter the app builds for it."""
    from wizard.core.assessment import assess
    from wizard.core.case_format import load_case
    from wizard.letter.build import build_letter

    data = json.loads((EXAMPLES / f"{name}.json").read_text())
    facts = load_case(data)
    return data, build_letter(facts, assess(facts, today=TODAY).results, today=TODAY)


def page_count(pdf: bytes) -> int:
    """Return the number of pages of a PDF."""
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def rss_mb() -> float:
    """Return this process's resident memory now, in MB."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return round(pages * os.sysconf("SC_PAGE_SIZE") / 2**20, 1)


def peak_rss_mb() -> float:
    """Return this process's peak resident memory so far, in MB (ru_maxrss is in KB on Linux)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def seconds(fn) -> float:
    """Return the wall time of one call."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def measure_case(name: str, repeat: int, chromium_page, folder: Path) -> dict:
    """Time warm renders of one case: ours, bare WeasyPrint and Chromium in turn, so all see the same machine."""
    import weasyprint

    from wizard.letter.render import letter_html, pdf_stylesheet_url, render_letter_pdf, static_root

    data, letter = model_letter(name)
    html = letter_html(letter, stylesheet=pdf_stylesheet_url())
    base_url = static_root().resolve().as_uri() + "/"
    html_file = folder / f"{name}.html"
    html_file.write_text(html, encoding="utf-8")

    def ours() -> bytes:
        return render_letter_pdf(letter, case_file=data)

    def bare() -> bytes:
        return weasyprint.HTML(string=html, base_url=base_url).write_pdf()

    def chromium() -> bytes:
        chromium_page.goto(html_file.as_uri(), wait_until="load")
        return chromium_page.pdf(prefer_css_page_size=True, print_background=True)

    for _ in range(WARMUP):
        ours(), bare(), chromium()
    ours_times, bare_times, chromium_times = [], [], []
    for _ in range(repeat):
        ours_times.append(seconds(ours))
        bare_times.append(seconds(bare))
        chromium_times.append(seconds(chromium))
    pdf = ours()
    median, chromium_median = statistics.median(ours_times), statistics.median(chromium_times)
    return {
        "case": name,
        "pages": page_count(pdf),
        "pdf_kb": round(len(pdf) / 1024),
        "median_s": round(median, 3),
        "min_s": round(min(ours_times), 3),
        "bare_median_s": round(statistics.median(bare_times), 3),
        "bare_min_s": round(min(bare_times), 3),
        "bare_pages": page_count(bare()),
        "chromium_median_s": round(chromium_median, 3),
        "chromium_min_s": round(min(chromium_times), 3),
        "chromium_pages": page_count(chromium()),
        "ratio_to_chromium": round(median / chromium_median, 2),
    }


def measure_cases(names: list[str], repeat: int) -> list[dict]:
    """Measure every case with one Chromium browser and page kept open for the whole run."""
    import tempfile

    from playwright.sync_api import sync_playwright

    cases = []
    with tempfile.TemporaryDirectory(prefix="letter-bench-") as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            chromium_page = browser.new_page()
            for name in names:
                print(f"Warm renders: {name}…", file=sys.stderr)
                cases.append(measure_case(name, repeat, chromium_page, Path(folder)))
        finally:
            browser.close()
    return cases


def long_run_child(count: int) -> None:
    """In a fresh process that only renders letters, as a worker does: print its memory along the way as JSON."""
    setup_django()
    from wizard.letter.render import render_letter_pdf

    names = sorted(path.stem for path in EXAMPLES.glob("*.json"))
    letters = [model_letter(name) for name in names]
    after_setup = rss_mb()
    render_letter_pdf(letters[0][1], case_file=letters[0][0])
    after_first = rss_mb()
    start = time.perf_counter()
    for index in range(count):
        data, letter = letters[index % len(letters)]
        render_letter_pdf(letter, case_file=data)
    report = {
        "renders": count,
        "seconds": round(time.perf_counter() - start, 1),
        "rss_after_setup_mb": after_setup,
        "rss_after_first_mb": after_first,
        "rss_after_mb": rss_mb(),
        "peak_rss_mb": peak_rss_mb(),
    }
    print(json.dumps(report))


def long_run(count: int) -> dict:
    """Run the memory child and return its report."""
    command = [sys.executable, __file__, "--long-run-child", "--long-run", str(count)]
    return json.loads(subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout)


def first_render_child(warm_up: bool) -> None:
    """In a fresh process: start Django as the app does, render one letter twice, print the times as JSON."""
    start = time.perf_counter()
    setup_django()
    setup = time.perf_counter() - start
    data, letter = model_letter(FRESH_CASE)
    from wizard.letter import render

    warming = seconds(render.warm_up) if warm_up else 0.0
    first = seconds(lambda: render.render_letter_pdf(letter, case_file=data))
    second = seconds(lambda: render.render_letter_pdf(letter, case_file=data))
    times = {"setup_s": setup, "warm_up_s": warming, "first_render_s": first, "second_s": second}
    print(json.dumps({key: round(value, 3) for key, value in times.items()}))


def fresh_process(runs: int = 3) -> list[dict]:
    """Run the fresh-process child a few times, without and with warm_up(), and return each run's times."""
    found = []
    for warm_up in [False] * runs + [True] * runs:
        start = time.perf_counter()
        command = [sys.executable, __file__, "--first-render", *(["--warm-up"] if warm_up else [])]
        completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
        found.append({**json.loads(completed.stdout), "process_s": round(time.perf_counter() - start, 3)})
    return found


def machine_info() -> dict:
    """Return what the numbers depend on."""
    import django
    import weasyprint

    return {
        "python": platform.python_version(),
        "django": django.get_version(),
        "weasyprint": weasyprint.__version__,
        "cpus_usable": len(os.sched_getaffinity(0)),
        "cpu_model": cpu_model(),
    }


def flag(value: float, target: float) -> str:
    """Format a number, flagging it when over its target."""
    return f"{value}" + (" ⚠" if value > target else "")


def markdown_report(report: dict) -> str:
    """Return the results as Markdown tables."""
    info, loop = report["machine"], report["reference_loop_ms"]
    lines = [
        f"## Letter benchmark — {report['started_at']}",
        "",
        f"Python {info['python']} · Django {info['django']} · WeasyPrint {info['weasyprint']} · "
        f"{info['cpus_usable']} CPUs ({info['cpu_model']}) · {report['repeat']} warm renders after {WARMUP} "
        f"warm-ups · reference loop {loop['before']} → {loop['after']} ms · ⚠ = over target",
        "",
        "| Model case | Pages | PDF KB | render_letter_pdf median s | min s | bare WeasyPrint median s | min s "
        "| Chromium page.pdf() median s | min s | Chromium pages | ours ÷ Chromium |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in report["cases"]:
        lines.append(
            f"| {row['case']} | {row['pages']} | {row['pdf_kb']} | {flag(row['median_s'], TARGET_SECONDS)} | "
            f"{row['min_s']} | {row['bare_median_s']} | {row['bare_min_s']} | {row['chromium_median_s']} | "
            f"{row['chromium_min_s']} | {row['chromium_pages']} | {flag(row['ratio_to_chromium'], TARGET_RATIO)} |"
        )
    memory = report["long_run"]
    lines += [
        "",
        f"Memory of a process that only renders letters: RSS {memory['rss_after_setup_mb']} MB after Django "
        f"set-up, {memory['rss_after_first_mb']} MB after the first letter, "
        f"{flag(memory['rss_after_mb'], TARGET_RSS_MB)} MB after {memory['renders']} more "
        f"({memory['seconds']} s); peak {memory['peak_rss_mb']} MB.",
        "",
        f"Fresh process ({FRESH_CASE}):",
        "",
        "| Run | Django set-up (imports WeasyPrint) s | warm_up() s | first render s | second render s | process s |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for number, run in enumerate(report["fresh_process"], start=1):
        lines.append(
            f"| {number} | {run['setup_s']} | {run['warm_up_s'] or '—'} | {run['first_render_s']} | "
            f"{run['second_s']} | {run['process_s']} |"
        )
    return "\n".join(lines)


def parse_args() -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="timed renders per case (default 20)")
    parser.add_argument("--long-run", type=int, default=200, help="renders in the memory run (default 200)")
    parser.add_argument("--first-render", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--warm-up", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--long-run-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.repeat < 1 or args.long_run < 1:
        parser.error("--repeat and --long-run must be at least 1")
    return args


def main() -> None:
    """Measure, print Markdown and save the JSON report."""
    args = parse_args()
    if args.first_render:
        first_render_child(args.warm_up)
        return
    if args.long_run_child:
        long_run_child(args.long_run)
        return
    started = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    reference_before = reference_loop_ms()
    print("Fresh processes…", file=sys.stderr)
    fresh = fresh_process()
    setup_django()
    names = sorted(path.stem for path in EXAMPLES.glob("*.json"))
    cases = measure_cases(names, args.repeat)
    print(f"{args.long_run} renders in one process…", file=sys.stderr)
    report = {
        "started_at": started,
        "machine": machine_info(),
        "repeat": args.repeat,
        "cases": cases,
        "long_run": long_run(args.long_run),
        "fresh_process": fresh,
        # The host can be busy without the load showing it (other VMs); this loop's time shows it.
        "reference_loop_ms": {"before": reference_before, "after": reference_loop_ms()},
    }
    print(markdown_report(report))
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"letter-{started.replace('-', '').replace(':', '')}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"\nSaved {path.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
