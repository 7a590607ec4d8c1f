#!/usr/bin/env python3
"""Writes a helper's brief for one held-out parser set: `scripts/devset_brief.py NAME SESSION "persona"`.

Prints the brief (scripts/devset_brief.md filled in). Refuses a NAME that any set in
tests/fixtures/dev/ uses now or ever used in git history, so a new batch can never write over a
held-out set (session 65 found five sets overwritten by an earlier check that could not fail).
"""
import os, subprocess, sys

name, session, persona = sys.argv[1], sys.argv[2], sys.argv[3]
if not name.isalnum() or not name.islower():
    sys.exit(f"{name}: a set name is lowercase letters and digits")
here = os.path.dirname(os.path.abspath(__file__))
dev = os.path.join(here, "..", "tests", "fixtures", "dev")
if any(f.startswith(name + "_") for f in os.listdir(dev)):
    sys.exit(f"{name}: a set of that name exists")
history = subprocess.run(
    ["git", "log", "--all", "--name-only", "--format=", "--", "tests/fixtures/dev/"],
    capture_output=True, text=True, cwd=os.path.join(here, ".."), check=True).stdout
if any(os.path.basename(p).startswith(name + "_") for p in history.split()):
    sys.exit(f"{name}: a set of that name is in git history")
brief = open(os.path.join(here, "devset_brief.md"), encoding="utf-8").read()
print(brief.replace("{NAME}", name).replace("{SESSION}", session).replace("{PERSONA}", persona))
