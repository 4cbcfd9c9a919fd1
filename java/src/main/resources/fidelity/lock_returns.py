"""Scenario 15: the lock that comes back. On the free-threaded build, importing an extension
module that does not declare `Py_mod_gil = Py_MOD_GIL_NOT_USED` turns the GIL on for the whole
process, with a RuntimeWarning that names the module (Python/import.c,
_PyImport_CheckGILForModule), unless PYTHON_GIL=0; a module that declares it leaves the GIL
off. Two such modules, empty but for that slot, are compiled here against this interpreter's
headers (sysconfig: its compiler, include folders and extension suffix) into --extensions,
once. The countdown is timed on 1 and 2 threads before any import, after importing the
declared module and after importing the undeclared one, in that order: once on, the GIL stays
on. Figures: enabled <stage> (1 if sys._is_gil_enabled()), t<threads> <stage> in seconds."""
import hashlib
import importlib
import os
import shlex
import subprocess
import sys
import sysconfig

from _common import calibrate, emit, parser, timed
from countdown import countdown, split

MODULE_SOURCE = """
#include <Python.h>
static PyModuleDef_Slot slots[] = {
%(slot)s
    {0, NULL}
};
static struct PyModuleDef definition = {
    .m_base = PyModuleDef_HEAD_INIT, .m_name = "%(name)s", .m_size = 0, .m_slots = slots,
};
PyMODINIT_FUNC PyInit_%(name)s(void) { return PyModuleDef_Init(&definition); }
"""

# name: the Py_mod_gil slot it declares (none: the default, Py_MOD_GIL_USED)
MODULES = {
    "gillab_declared": "    {Py_mod_gil, Py_MOD_GIL_NOT_USED},",
    "gillab_undeclared": "",
}


def build_folder(base):
    """A folder of base for this interpreter and these sources: the modules depend on both."""
    key = hashlib.sha256((sys.executable + sys.version + MODULE_SOURCE + repr(MODULES)).encode()).hexdigest()[:12]
    return os.path.join(base, "%s-%s" % (sys.implementation.cache_tag, key))


def compile_module(folder, name, slot):
    """Compiles the module `name` into folder unless it is there; returns nothing."""
    target = os.path.join(folder, name + sysconfig.get_config_var("EXT_SUFFIX"))
    if os.path.exists(target):
        return
    os.makedirs(folder, exist_ok=True)
    source = os.path.join(folder, name + ".c")
    with open(source, "w") as f:
        f.write(MODULE_SOURCE % {"name": name, "slot": slot})
    paths = sysconfig.get_paths()
    includes = sorted({paths["include"], paths["platinclude"]})
    command = (shlex.split(sysconfig.get_config_var("CC")) + ["-shared", "-fPIC", "-O1"]
               + ["-I" + i for i in includes] + ["-o", target + ".part", source])
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit("compiling %s failed: %s\n%s" % (name, " ".join(command), done.stderr))
    os.replace(target + ".part", target)


def main():
    p = parser(__doc__)
    p.add_argument("--extensions", required=True, help="folder where the two modules are compiled and kept")
    args = p.parse_args()
    if not hasattr(sys, "_is_gil_enabled"):
        sys.exit("this interpreter has no sys._is_gil_enabled(): not 3.13 or later")
    folder = build_folder(args.extensions)
    for name, slot in MODULES.items():
        compile_module(folder, name, slot)
    sys.path.insert(0, folder)
    n = calibrate(countdown, args.target, start=100_000)
    n = max(2, n - n % 2)
    figures = {}
    for stage, module in (("before", None), ("declared", "gillab_declared"), ("undeclared", "gillab_undeclared")):
        if module is not None:
            importlib.import_module(module)
        figures["enabled " + stage] = [1 if sys._is_gil_enabled() else 0] * args.repeats
        split(n, 2)  # the first two-thread run after a change is a warm-up
        for _ in range(args.repeats):
            for k in (1, 2):
                figures.setdefault("t%d %s" % (k, stage), []).append(timed(split, n, k))
    emit("lock_returns", {"n": n, "extensions": folder}, figures)


if __name__ == "__main__":
    main()
