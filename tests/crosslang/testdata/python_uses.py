"""Checks that a Python program uses only what a generated Pulumi SDK has, with Python's own parser: the
resources it creates, their keyword arguments (the parameters of each resource's _internal_init), the
enumeration members it names, and the outputs (properties) it reads from the resources it created.

Usage: python_uses.py PROGRAM SDK_PACKAGE_DIR. Prints each use the SDK lacks and exits 1 if there is one.
"""
import ast
import pathlib
import sys

program = ast.parse(pathlib.Path(sys.argv[1]).read_text())
sdk = pathlib.Path(sys.argv[2])

# The SDK: classes, the parameters of their _internal_init, their properties and their class attributes.
classes = {}
for path in sdk.glob("*.py"):
    for node in ast.parse(path.read_text()).body:
        if not isinstance(node, ast.ClassDef):
            continue
        c = classes.setdefault(node.name, {"params": set(), "properties": set(), "members": set()})
        for item in node.body:
            if isinstance(item, ast.FunctionDef):
                if item.name == "_internal_init":
                    c["params"] |= {a.arg for a in item.args.args + item.args.kwonlyargs}
                if any(isinstance(d, ast.Name) and d.id == "property" or
                       isinstance(d, ast.Attribute) and d.attr == "property" for d in item.decorator_list):
                    c["properties"].add(item.name)
            elif isinstance(item, ast.Assign):
                c["members"] |= {t.id for t in item.targets if isinstance(t, ast.Name)}

aliases = {a.asname or a.name for n in ast.walk(program) if isinstance(n, ast.Import)
           for a in n.names if a.name == sdk.name}
missing = []
created = {}  # variable -> resource class
for node in ast.walk(program):
    if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
        f = node.value.func
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id in aliases:
            for t in node.targets:
                if isinstance(t, ast.Name):
                    created[t.id] = f.attr
    if isinstance(node, ast.Call):
        f = node.func
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id in aliases:
            if f.attr not in classes:
                missing.append(f"resource {f.attr}")
                continue
            for kw in node.keywords:
                if kw.arg not in classes[f.attr]["params"]:
                    missing.append(f"{f.attr} argument {kw.arg}")
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute):
        inner = node.value
        if isinstance(inner.value, ast.Name) and inner.value.id in aliases and not isinstance(node.ctx, ast.Store):
            if node.attr not in classes.get(inner.attr, {}).get("members", set()):
                missing.append(f"{inner.attr}.{node.attr}")
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in created:
        if node.attr not in classes.get(created[node.value.id], {}).get("properties", set()):
            missing.append(f"{created[node.value.id]} output {node.attr}")

if not created:
    missing.append("no resource of the SDK created")
for m in missing:
    print("not in the generated SDK:", m)
sys.exit(1 if missing else 0)
