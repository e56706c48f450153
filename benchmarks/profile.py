"""Where a starter's request time goes: cProfile over its WSGI callable, in process.

    python benchmarks/profile.py flask                      # GET /health, the starter
    python benchmarks/profile.py turbogears --path /        # another route
    python benchmarks/profile.py grok --against minimal     # the minimal app, same environment
    python benchmarks/profile.py django --against native    # the framework scaffolder's app
    python benchmarks/profile.py zope --set database=zeo --keep zope-bench

The starter is generated and installed as the ``wsgi`` part of run.py does (the
schema migrated first for full-stack starters); the requests go through the same
``call`` the measurement child times, after a warm-up, and the profile is printed
sorted by cumulative time, followed by the share of the total spent in each
function named with ``--share`` (for the cost of a named feature, such as
``--share add_security_headers``, or ``--share security.py:middleware`` for one
function of that name).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

from scaffold import generator, questions, registry  # noqa: E402
from scaffold.compare import measure_child  # noqa: E402
from scaffold.runtime import environments  # noqa: E402

# Run with the starter environment's Python: profile ``requests`` calls of GET path.
CHILD = """
import cProfile, io, pstats, sys, sysconfig
sys.path.insert(0, {child_dir!r})
import measure_child
application, _ = measure_child.load({folder!r}, {entry!r})
driver = measure_child.driver({interface!r}, application)
for _ in range(50):
    status = driver.get({path!r})
print("status:", status)
profile = cProfile.Profile()
profile.enable()
for _ in range({requests}):
    driver.get({path!r})
profile.disable()
driver.close()
text = io.StringIO()
stats = pstats.Stats(profile, stream=text)
total = stats.total_tt
stats.sort_stats("cumulative").print_stats({top})
# Paths of this machine are shortened, so a profile can be quoted as it is.
for prefix, short in (
    (sysconfig.get_paths()["purelib"], "<site-packages>"),
    (sysconfig.get_paths()["stdlib"], "<stdlib>"),
    ({folder!r}, "<app>"),
    ({child_dir!r}, "<scaffold>"),
):
    text = io.StringIO(text.getvalue().replace(prefix, short))
print(text.getvalue())
for name in {shares!r}:
    # "module.py:function" names one function; a bare name adds up all of that name,
    # which counts twice where two of them nest.
    where, _, function_name = name.rpartition(":")
    spent = sum(
        cumulative
        for (filename, line, function), (_, _, _, cumulative, _) in stats.stats.items()
        if function == function_name and filename.endswith(where)
    )
    print(f"share {{name}}: {{spent / total:.1%}} of {{total:.3f}} s")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("framework")
    parser.add_argument("--path", default="/health")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--against", choices=("starter", "minimal", "native"), default="starter")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--share", action="append", default=[], metavar="FUNCTION")
    parser.add_argument("--keep", type=Path, help="work here (and keep it) instead of a temp dir")
    args = parser.parse_args()

    framework = registry.discover()[args.framework]
    pairs = dict(item.split("=", 1) for item in args.set)
    extra = questions.convert_answers(framework, pairs) if pairs else None
    with tempfile.TemporaryDirectory(prefix="scaffold-profile-") as temporary:
        work = args.keep or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        project = work / "bench-app"
        if not project.exists():
            generator.generate(framework, "bench-app", work, extra=extra)
        env = environments.create(work / "venv")
        environments.install(env, ["-e", str(project)])
        if framework.is_full_stack:
            subprocess.run([str(env.python), "-m", "bench_app", "migrate"], cwd=project, check=True)
        interface, entry = next(iter(framework.interface.items()))
        folder = project
        if args.against == "minimal":
            folder, entry = HERE / "minimal", f"{args.framework}_app:application"
        elif args.against == "native":
            import native

            build = native.reference(args.framework)
            if build is None:
                parser.error(f"{args.framework} has no native reference in benchmarks/native/")
            folder = work / "reference"
            if folder.exists():
                parser.error(f"{folder} exists: remove it to build the reference again")
            entry = build(env, folder)
        code = CHILD.format(
            child_dir=str(Path(measure_child.__file__).parent),
            folder=str(folder),
            entry=entry,
            interface=interface,
            path=args.path,
            requests=args.requests,
            top=args.top,
            shares=args.share,
        )
        subprocess.run([str(env.python), "-c", code], cwd=folder, check=True)


if __name__ == "__main__":
    main()
