#include "migrate/promptflow/runner_script.hpp"

namespace genops::migrate::promptflow {

std::string runner_script() {
  return R"PY(#!/usr/bin/env python3
"""Runs one Prompt flow python node for genops (written by `genops import promptflow`).

usage: python3 _promptflow_runner.py FILE.py FUNCTION
The node's inputs arrive as a JSON object on stdin; the function's return value
is printed to stdout as JSON. Whatever the function prints goes to stderr, so
stdout stays the output. Prompt flow need not be installed: the `@tool`
decorators of promptflow.core and promptflow get stand-ins that return the
function unchanged. The node still needs whatever else it imports.
"""
import importlib.util
import inspect
import json
import os
import sys
import types


def _tool(*args, **kwargs):
    if len(args) == 1 and callable(args[0]) and not kwargs:
        return args[0]
    return lambda func: func


def _install_stand_ins():
    try:
        import promptflow.core  # noqa: F401  (the real one is fine)
        return
    except Exception:
        pass
    for name in ("promptflow", "promptflow.core", "promptflow.tools"):
        module = types.ModuleType(name)
        module.tool = _tool
        sys.modules[name] = module
    sys.modules["promptflow"].core = sys.modules["promptflow.core"]


def _convert(value, annotation):
    # Prompt flow converts literal node inputs to the parameter's type.
    if not isinstance(value, str) or annotation in (inspect.Parameter.empty, str):
        return value
    try:
        if annotation is bool:
            return value.strip().lower() == "true"
        if annotation in (int, float):
            return annotation(value)
        if annotation in (list, dict):
            return json.loads(value)
    except ValueError:
        pass
    return value


def main():
    path, name = sys.argv[1], sys.argv[2]
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    _install_stand_ins()
    spec = importlib.util.spec_from_file_location("_promptflow_node", path)
    module = importlib.util.module_from_spec(spec)
    real_stdout = sys.stdout
    sys.stdout = sys.stderr
    try:
        spec.loader.exec_module(module)
        func = getattr(module, name)
        inputs = json.load(sys.stdin)
        params = inspect.signature(func).parameters
        args = {k: _convert(v, params[k].annotation) if k in params else v for k, v in inputs.items()}
        result = func(**args)
        if inspect.isgenerator(result):
            result = "".join(str(part) for part in result)
    finally:
        sys.stdout = real_stdout
    json.dump(result, sys.stdout, default=str)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
)PY";
}

}  // namespace genops::migrate::promptflow
