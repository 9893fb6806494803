#!/usr/bin/env python3
"""Executes every notebook in notebooks/ in the .NET Interactive C# kernel with `jupyter nbconvert --execute`,
shortened by its CI parameters from notebooks/ci-settings.json, and checks the executed copy: no error output, at
least one PNG image, and a last printed accuracy at or above the notebook's minimum. Prints one line per notebook,
then `notebooks: N passed, N failed`. Usage: .ci/notebooks.py FEED OUTDIR [NAME ...]"""
import json
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTEBOOKS = os.path.join(ROOT, "notebooks")


def python_pattern(pattern):
    # The settings use .NET's named groups (?<name>...); Python spells them (?P<name>...).
    return re.sub(r"\(\?<(?=[A-Za-z])", "(?P<", pattern)


def texts(notebook):
    """Every piece of text the cells printed or displayed, in order."""
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            if output["output_type"] == "stream":
                yield "".join(output["text"])
            elif "data" in output and "text/plain" in output["data"]:
                value = output["data"]["text/plain"]
                yield value if isinstance(value, str) else "".join(value)


def check(notebook, settings):
    """The problems of an executed notebook, or an empty list, and its last accuracy."""
    problems = []
    for index, cell in enumerate(notebook["cells"]):
        for output in cell.get("outputs", []):
            if output["output_type"] == "error":
                message = (output.get("evalue") or output.get("ename") or "").strip().splitlines()
                problems.append(f"cell {index}: error {message[0] if message else ''}")
    images = sum(1 for cell in notebook["cells"] for output in cell.get("outputs", [])
                 if "image/png" in output.get("data", {}))
    if images == 0:
        problems.append("no image/png output")
    pattern = re.compile(python_pattern(settings["accuracy"]))
    accuracies = []
    for text in texts(notebook):
        for match in pattern.finditer(text):
            value = float(match.group("value"))
            accuracies.append(value / 100 if match.groupdict().get("percent") else value)
    if not accuracies:
        problems.append(f"no accuracy printed (pattern {settings['accuracy']})")
    elif any(not 0 <= a <= 1 for a in accuracies):
        problems.append(f"accuracy outside [0, 1]: {accuracies}")
    elif accuracies[-1] < settings["minimum"]:
        problems.append(f"accuracy {accuracies[-1]:.4f} below {settings['minimum']}")
    return problems, images, accuracies[-1] if accuracies else None


def run(name, settings, feed, outdir):
    env = dict(os.environ)
    for key, value in settings["parameters"].items():
        env["GRAPHTRAINER_PARAM_" + key] = value
    # The kernel restores #r "nuget: GraphTrainer, ..." with MSBuild, which takes this property from the environment.
    env["RestoreAdditionalProjectSources"] = feed
    command = ["jupyter", "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
               "--ExecutePreprocessor.kernel_name=.net-csharp", "--ExecutePreprocessor.timeout=600",
               "--output-dir", outdir, "--output", name + ".executed", os.path.join(NOTEBOOKS, name + ".ipynb")]
    start = time.monotonic()
    result = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    seconds = time.monotonic() - start
    executed = os.path.join(outdir, name + ".executed.ipynb")
    if result.returncode != 0 or not os.path.exists(executed):
        tail = "\n".join(result.stdout.strip().splitlines()[-10:])
        return [f"nbconvert exited with {result.returncode}:\n{tail}"], seconds, 0, None
    with open(executed, encoding="utf-8") as f:
        problems, images, accuracy = check(json.load(f), settings)
    return problems, seconds, images, accuracy


def main():
    feed, outdir, names = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), sys.argv[3:]
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(NOTEBOOKS, "ci-settings.json"), encoding="utf-8") as f:
        all_settings = {k: v for k, v in json.load(f).items() if k != "//"}
    on_disk = sorted(n[:-6] for n in os.listdir(NOTEBOOKS) if n.endswith(".ipynb") and not n.endswith(".executed.ipynb"))
    passed = failed = 0
    missing = [n for n in on_disk if n not in all_settings]
    for name in missing:
        print(f"notebook {name}: FAILED: no entry in notebooks/ci-settings.json", flush=True)
        failed += 1
    for name in names or [n for n in on_disk if n in all_settings]:
        problems, seconds, images, accuracy = run(name, all_settings[name], feed, outdir)
        params = " ".join(f"{k}={v}" for k, v in all_settings[name]["parameters"].items())
        if problems:
            failed += 1
            print(f"notebook {name} ({params}): FAILED after {seconds:.0f} s: " + "; ".join(problems), flush=True)
        else:
            passed += 1
            print(f"notebook {name} ({params}): ok in {seconds:.0f} s, accuracy {accuracy:.4f} >= "
                  f"{all_settings[name]['minimum']}, {images} images", flush=True)
    print(f"notebooks: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
